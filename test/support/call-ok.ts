// A service call that must succeed (setting up a test, not what it tests):
// its value, or an Error naming the method and the refusal.
import type { AppServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';

export async function callOk<M extends MethodName>(services: Pick<AppServices, 'dispatch'>, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const outcome = await services.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value as MethodResult<M>;
}

/** The sentence a service call that must be refused was refused with (an Error if it succeeded). */
export async function refusalOf<M extends MethodName>(services: Pick<AppServices, 'dispatch'>, method: M, input: MethodInput<M>): Promise<string> {
  const outcome = await services.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} was expected to be refused`);
  return outcome.error.message;
}
