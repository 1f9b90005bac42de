// One dispatcher validates every call against the contract before a service sees
// it, and turns every failure into `{ code, message }`. ipc.ts, the e2e harness
// and the CLI all go through it, so they refuse the same inputs the same way.
import type { z } from 'zod';
import { api, isMethodName, type MethodName, type MethodResult, type ParsedInput } from './contract';
import { JfpError, type Outcome } from './errors';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Outcome<unknown>>;

export interface DispatchOptions {
  /** Called with unexpected (non-JfpError) failures, e.g. to log them. */
  onUnexpected?: (method: string, error: unknown) => void;
}

export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid.';
  const field = issue.path.length > 0 ? issue.path.join('.') : '';
  // Messages written in the contract are already sentences; zod's own need the field.
  const message = /[.!?]$/.test(issue.message) ? issue.message : `${issue.message}.`;
  if (issue.code === 'unrecognized_keys') return `The request has a field this app does not know: ${issue.keys.join(', ')}.`;
  return field && !/^[A-Z]/.test(issue.message) ? `${field}: ${message}` : message;
}

export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      // Only a string is quoted back: String() of an object sent as {toString: 1} throws.
      const message = typeof method === 'string' ? `There is no action called "${method.slice(0, 60)}".` : 'The request did not name an action this app knows.';
      return { ok: false, error: { code: 'invalid_input', message } };
    }
    const parsed = api[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof JfpError) return { ok: false, error: error.toApiError() };
      options.onUnexpected?.(method, error);
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong and the change was not made. Please try again.' },
      };
    }
  };
}
