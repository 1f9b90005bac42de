// The browser an e2e app runs in. The e2e global setup starts one browser for
// the whole run and hands its endpoint to the test files in the environment;
// each app connects to it and opens a context of its own (closing the app
// closes that context and the connection, not the browser). Where there is
// none (a bench, a script) or an app needs a browser of its own (other
// switches, another CHROMIUM_PATH), the app launches one as before.
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../electron/services/browser';

/** British English, as the app runs (electron/main.ts): date fields dd/mm/yyyy, dates and numbers en-GB. */
export const HARNESS_BROWSER_ARGS: readonly string[] = ['--lang=en-GB'];

/** The environment variable holding the shared browser's SharedBrowser as JSON. */
export const SHARED_BROWSER_ENV = 'JFP_E2E_SHARED_BROWSER';

export interface SharedBrowser {
  wsEndpoint: string;
  /** The CHROMIUM_PATH the shared browser was found with ('' for none). */
  chromiumPath: string;
}

function sharedBrowser(): SharedBrowser | null {
  const raw = process.env[SHARED_BROWSER_ENV];
  return raw ? (JSON.parse(raw) as SharedBrowser) : null;
}

/** The shared browser when it is the one asked for, else a browser launched for this app alone. */
export async function startBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const shared = sharedBrowser();
  if (shared && extraArgs.length === 0 && (process.env.CHROMIUM_PATH ?? '') === shared.chromiumPath) {
    const { chromium } = await import('playwright-core');
    return chromium.connect(shared.wsEndpoint);
  }
  return launchBrowser({ extraArgs: [...HARNESS_BROWSER_ARGS, ...extraArgs] });
}
