// Init script for the e2e page: builds window.jfp from the contract table over
// a Playwright binding, exactly as preload.ts does over ipcRenderer.invoke.
// Events from the harness arrive through window.__jfpDeliver (page.evaluate),
// checked against the contract like the preload's.
import { createBridge, createEventHub } from '../../shared/bridge';
import type { Outcome } from '../../shared/errors';

declare global {
  interface Window {
    /** The outcome as JSON text (see harness.ts). */
    __jfpInvoke: (method: string, input: unknown) => Promise<string>;
    __jfpDeliver: (name: unknown, payload: unknown) => boolean;
  }
}

const events = createEventHub();

Object.defineProperty(window, '__jfpDeliver', {
  value: (name: unknown, payload: unknown) => events.deliver(name, payload),
  writable: false,
  configurable: false,
});

Object.defineProperty(window, 'jfp', {
  value: createBridge(async (method, input) => JSON.parse(await window.__jfpInvoke(method, input)) as Outcome<unknown>, events.subscribe),
  writable: false,
  configurable: false,
});
