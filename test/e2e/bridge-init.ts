// Init script for the e2e page: builds window.jfp from the contract table over
// a Playwright binding, exactly as preload.ts does over ipcRenderer.invoke.
// Events from the harness arrive through window.__jfpDeliver (page.evaluate),
// checked against the contract like the preload's.
import { createBridge, createEventHub } from '../../shared/bridge';
import type { Outcome } from '../../shared/errors';

declare global {
  interface Window {
    __jfpInvoke: (method: string, input: unknown) => Promise<Outcome<unknown>>;
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
  value: createBridge((method, input) => window.__jfpInvoke(method, input), events.subscribe),
  writable: false,
  configurable: false,
});
