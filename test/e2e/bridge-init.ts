// Init script for the e2e page: builds window.jfp from the contract table over
// a Playwright binding, exactly as preload.ts does over ipcRenderer.invoke.
import { createBridge } from '../../shared/bridge';
import type { Outcome } from '../../shared/errors';

declare global {
  interface Window {
    __jfpInvoke: (method: string, input: unknown) => Promise<Outcome<unknown>>;
  }
}

Object.defineProperty(window, 'jfp', {
  value: createBridge((method, input) => window.__jfpInvoke(method, input)),
  writable: false,
  configurable: false,
});
