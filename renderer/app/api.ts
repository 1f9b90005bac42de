// The renderer's only door to data: window.jfp (built from the contract by the
// preload script, or by the e2e harness). `call` unwraps an Outcome and throws
// an ApiFailure whose message is a sentence fit to show the user.
import type { JfpBridge } from '../../shared/bridge';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { ErrorCode, Outcome } from '../../shared/errors';

declare global {
  interface Window {
    jfp?: JfpBridge;
  }
}

export class ApiFailure extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const UNREACHABLE = 'The app could not reach its plan database. Your work in the editor is kept; try again in a moment.';

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const bridge = window.jfp;
  if (!bridge) throw new ApiFailure('internal', UNREACHABLE);
  let outcome;
  try {
    outcome = await (bridge[method] as unknown as (input: MethodInput<M>) => Promise<Outcome<unknown>>)(input);
  } catch {
    throw new ApiFailure('internal', UNREACHABLE);
  }
  if (outcome.ok) return outcome.value as MethodResult<M>;
  throw new ApiFailure(outcome.error.code, outcome.error.message);
}

/** A sentence for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  return 'Something went wrong and the change was not made. Please try again.';
}
