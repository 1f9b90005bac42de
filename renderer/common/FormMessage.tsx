/** What a form says after saving: a quiet status when it went well, an alert when it was refused. */
export type FormMessageValue = { error: boolean; text: string } | null;

export function FormMessage({ message }: { message: FormMessageValue }) {
  if (!message) return null;
  return (
    <span className={message.error ? 'field-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </span>
  );
}
