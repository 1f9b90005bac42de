// The renderer's view of the API: one function per contract method, each
// resolving to an Outcome (plain data, so it crosses contextBridge and
// Playwright bindings unchanged). Production passes ipcRenderer.invoke; the e2e
// harness passes a Playwright binding.
import { METHOD_NAMES, type MethodInput, type MethodName, type MethodResult } from './contract';
import type { Outcome } from './errors';

/**
 * DOM events on window by which the main process (through the preload) asks the
 * page to save pending edits before its window closes, and the page answers.
 */
export const FLUSH_EVENT = 'jfp:flush';
export const FLUSHED_EVENT = 'jfp:flushed';

export type Invoke = (method: MethodName, input: unknown) => Promise<Outcome<unknown>>;

export type JfpBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Outcome<MethodResult<M>>>;
};

export function createBridge(invoke: Invoke): JfpBridge {
  const bridge: Record<string, (input: unknown) => Promise<Outcome<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    bridge[method] = (input: unknown) => invoke(method, input);
  }
  return Object.freeze(bridge) as unknown as JfpBridge;
}
