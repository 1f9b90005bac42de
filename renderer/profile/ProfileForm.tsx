// The app user's profile (#13): name, role, organisation and e-mail. Their own
// comments, replies and responses are credited to it ("You (Name)"). Asked on
// the first run (skippable), again at the first comment if skipped, and kept
// changeable from "Your profile" in the library's header.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { UserProfile } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { createValueStore, useValue } from '../app/value-store';

/** The profile as last read or saved: undefined until read, null while none is set. */
export const profileStore = createValueStore<UserProfile | null | undefined>(undefined);

let loading: Promise<void> | null = null;
export function loadProfile(): Promise<void> {
  loading ??= call('getProfile', {}).then(
    (profile) => profileStore.set(profile),
    () => profileStore.set(null),
  );
  return loading;
}

/** The profile (loading it the first time it is asked for). */
export function useProfile(): UserProfile | null | undefined {
  const profile = useValue(profileStore);
  useEffect(() => {
    void loadProfile();
  }, []);
  return profile;
}

/** "You (Name)": how the user's own comments are shown. */
export const youLabel = (name: string) => `You (${name})`;

export function ProfileForm({
  heading,
  intro,
  onSaved,
  onSkip,
}: {
  heading: string;
  intro?: string;
  onSaved?: (profile: UserProfile) => void;
  /** Offered on the first run: the profile is then asked for at the first comment. */
  onSkip?: () => void;
}) {
  const id = useId();
  const current = useProfile();
  const [fields, setFields] = useState({ name: current?.name ?? '', role: current?.role ?? '', organisation: current?.organisation ?? '', email: current?.email ?? '' });
  const [shown, setShown] = useState(current);
  if (current !== shown) {
    setShown(current);
    if (current) setFields({ name: current.name, role: current.role, organisation: current.organisation, email: current.email });
  }
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!fields.name.trim()) return setError('Enter your name.');
    try {
      const profile = await call('saveProfile', fields);
      profileStore.set(profile);
      setError(null);
      setSaved(true);
      onSaved?.(profile);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const field = (key: keyof typeof fields, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={fields[key]}
        onChange={(e) => {
          setSaved(false);
          setFields({ ...fields, [key]: e.target.value });
        }}
      />
    </div>
  );

  return (
    <form className="profile-form" onSubmit={save} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {intro && <p className="muted">{intro}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {field('name', 'Your name')}
      {field('role', 'Your role')}
      {field('organisation', 'Your organisation')}
      {field('email', 'Email (optional)', 'email')}
      <div className="rename-actions">
        <button type="submit" className="button-primary button-small">
          Save profile
        </button>
        {onSkip && (
          <button type="button" className="button-quiet button-small" onClick={onSkip}>
            Skip for now
          </button>
        )}
      </div>
      {saved && (
        <p className="muted" role="status">
          Profile saved.
        </p>
      )}
    </form>
  );
}
