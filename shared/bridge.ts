// The renderer's view of the API: one function per contract method, each
// resolving to an Outcome (plain data, so it crosses contextBridge and
// Playwright bindings unchanged), and `subscribe` for the events the main
// process pushes. Production passes ipcRenderer.invoke and an event hub fed by
// ipcRenderer.on; the e2e harness passes a Playwright binding and a hub fed by
// page.evaluate.
import { events, isEventName, METHOD_NAMES, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodResult } from './contract';
import type { Outcome } from './errors';

/**
 * DOM events on window by which the main process (through the preload) asks the
 * page to save pending edits before its window closes, and the page answers.
 */
export const FLUSH_EVENT = 'jfp:flush';
export const FLUSHED_EVENT = 'jfp:flushed';

export type Invoke = (method: MethodName, input: unknown) => Promise<Outcome<unknown>>;

/** One event from the main process, already checked against the contract's `events` table. */
export type JfpEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
export type JfpEventListener = (event: JfpEvent) => void;
/** Starts calling `listener` with every event; returns a function that stops it. */
export type Subscribe = (listener: JfpEventListener) => () => void;

export type JfpBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Outcome<MethodResult<M>>>;
} & { subscribe: Subscribe };

/**
 * Where events arrive in the page: `deliver` takes what came over the wire and
 * passes it on only if it is a known event with a valid payload (anything else
 * is dropped, as a refused call would be); `subscribe` is what the bridge offers.
 */
export function createEventHub(): { deliver(name: unknown, payload: unknown): boolean; subscribe: Subscribe } {
  const listeners = new Set<JfpEventListener>();
  return {
    deliver(name, payload) {
      if (!isEventName(name)) return false;
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) return false;
      const event = { name, payload: parsed.data } as JfpEvent;
      for (const listener of [...listeners]) listener(event);
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function createBridge(invoke: Invoke, subscribe: Subscribe): JfpBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    bridge[method] = (input: unknown) => invoke(method, input);
  }
  bridge.subscribe = subscribe;
  return Object.freeze(bridge) as unknown as JfpBridge;
}
