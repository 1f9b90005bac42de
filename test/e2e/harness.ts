// Drives the real renderer in real Chromium with the real services behind
// window.jfp: `launchApp({ dbPath })` returns the page and a close function.
// Events reach the page as they do in the app: export progress from the export
// port, and "plans changed" when another connection commits to the database.
// Used by the e2e tests, the typing benchmark and anyone scripting the app.
// The browser is found by electron/services/browser.ts, like the CLI's PDF export's; the e2e
// run shares one among its test files (harness-browser.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { startServicesWithRecovery, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import { readRendererFile } from '../../electron/services/renderer-files';
import type { EventName, EventPayload, MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { ApiError } from '../../shared/errors';
import { BRIDGE_INIT_FILE, RENDERER_DIR } from './paths';
import { startBrowser } from './harness-browser';

export const APP_ORIGIN = 'https://jfp.test';

export interface LaunchOptions {
  /** More Chromium switches (the typing bench frees frames from the display's 60 Hz clock). */
  browserArgs?: readonly string[];
  /** Database file; a fresh temporary one when omitted. */
  dbPath?: string;
  /** Hash route to open, e.g. `#/plan/ID`. */
  route?: string;
  viewport?: { width: number; height: number };
}

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

export interface RunningApp {
  /** Where exports are saved unless a test chooses otherwise (the harness's stand-in for the save dialog). */
  exportDir: string;
  /** The next save dialog answers with this path, or null (cancel). */
  answerSaveDialog(file: string | null): void;
  /** The next open dialog answers with this file (null: cancel). */
  answerOpenDialog(file: string | null): void;
  /** Files the app asked to open or show in their folder. */
  revealed: Array<{ how: 'open' | 'folder'; file: string }>;
  page: Page;
  browser: Browser;
  services: AppServices;
  dbPath: string;
  /** Messages the page logged as errors (console errors, uncaught exceptions, CSP reports). */
  pageErrors: string[];
  /** axe-core on the current page: serious and critical violations only. */
  checkA11y(): Promise<A11yViolation[]>;
  /**
   * Makes calls to `method` fail with `error` until cleared (fault injection for
   * tests of failure handling: a full disk, a locked database).
   */
  failCalls(method: string, error: ApiError | null): void;
  /** Opens a hash route such as `#/plan/ID`, waiting for the app to render. */
  open(route: string): Promise<void>;
  /** Calls a service directly (test setup), throwing on a refused call. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /** Sends an event to the page as the main process would (the page checks it against the contract). */
  sendEvent<E extends EventName>(name: E, payload: EventPayload<E>): Promise<void>;
  /** Reloads the page (same database), waiting for the app to render. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** Apps launched and not closed yet: closeOpenApps() closes them after every e2e test file (close-apps.ts). */
const openApps = new Set<RunningApp>();

/** Closes every app still open, e.g. of a test that failed before it could close its own. */
export async function closeOpenApps(): Promise<void> {
  for (const app of [...openApps]) await app.close();
}

/**
 * Temporary folders of apps not closed yet. A script that throws still leaves
 * none behind: they go when its process exits (Playwright kills its browsers
 * and their folders then too). Vitest may end its workers without that exit,
 * so the tests rely on closeOpenApps().
 */
const openFolders = new Set<string>();
process.once('exit', () => {
  for (const dir of openFolders) fs.rmSync(dir, { recursive: true, force: true });
});

function temporaryFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  openFolders.add(dir);
  return dir;
}

function removeFolders(dirs: readonly string[]): void {
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
    openFolders.delete(dir);
  }
}

interface OpenedPage {
  page: Page;
  pageErrors: string[];
  faults: Map<string, ApiError>;
}

async function waitUntilReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-app-ready]', { timeout: 20_000 });
}

/** The renderer in a new page, served from dist/renderer, with the services bound in as window.jfp. */
async function openPage(browser: Browser, services: AppServices, options: LaunchOptions): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await context.route(`${APP_ORIGIN}/**`, async (route) => {
    const response = await readRendererFile(RENDERER_DIR, route.request().url());
    await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
  });
  // Nothing else may load: the app is offline by design.
  await context.route(
    (url) => !url.href.startsWith(APP_ORIGIN),
    (route) => route.abort(),
  );
  const faults = new Map<string, ApiError>();
  // The outcome crosses as JSON text: Playwright's own serialisation of a large result (400 commitments with
  // their actuals, ~2 MB) takes seconds, where Electron's structured clone takes milliseconds (#11 grid bench).
  await context.exposeBinding('__jfpInvoke', async (_source, method: unknown, input: unknown) => {
    const fault = typeof method === 'string' ? faults.get(method) : undefined;
    if (fault) return JSON.stringify({ ok: false, error: fault });
    return JSON.stringify(await services.dispatch(method, input));
  });
  await context.addInitScript({ path: BRIDGE_INIT_FILE });
  await page.goto(`${APP_ORIGIN}/${options.route ?? ''}`);
  await waitUntilReady(page);
  return { page, pageErrors, faults };
}

export async function launchApp(options: LaunchOptions = {}): Promise<RunningApp> {
  const folders: string[] = [];
  const ownFolder = (prefix: string) => {
    const dir = temporaryFolder(prefix);
    folders.push(dir);
    return dir;
  };
  const dbPath = options.dbPath ?? path.join(ownFolder('jfp-e2e-'), 'jfp.db');
  const exportDir = ownFolder('jfp-exports-');
  const revealed: RunningApp['revealed'] = [];
  let nextSave: { file: string | null } | null = null;
  let nextOpen: string | null = null;
  const exportPorts: ExportPorts = {
    async chooseSavePath(suggestedName) {
      const answer = nextSave;
      nextSave = null;
      return answer ? answer.file : path.join(exportDir, suggestedName);
    },
    async chooseOpenPath() {
      const answer = nextOpen;
      nextOpen = null;
      return answer;
    },
    async openPath(file) {
      revealed.push({ how: 'open', file });
    },
    showInFolder(file) {
      revealed.push({ how: 'folder', file });
    },
    exportStatusChanged(status) {
      void sendEvent('exportProgress', status);
    },
  };
  /** The page events go to, once it is open. */
  const listening: { page?: Page } = {};
  /** Like the app's sender: only a page showing the app's own origin hears events. */
  async function sendEvent(name: EventName, payload: unknown): Promise<void> {
    const { page } = listening;
    if (!page || page.isClosed() || !page.url().startsWith(`${APP_ORIGIN}/`)) return;
    await page
      .evaluate(([n, p]) => (window as unknown as { __jfpDeliver(name: unknown, payload: unknown): boolean }).__jfpDeliver(n, p), [name, payload] as const)
      // A page in the middle of navigating misses the event, as a reloading window would.
      .catch(() => undefined);
  }
  // #16 recovery: as the app starts (electron/main.ts), a damaged database leads to the recovery screen.
  const services = startServicesWithRecovery(dbPath, { exportPorts });
  let browser: Browser | undefined;
  let opened: OpenedPage;
  try {
    // The run's shared browser (harness-browser.ts), in British English as the app runs.
    browser = await startBrowser(options.browserArgs ?? []);
    opened = await openPage(browser, services, options);
  } catch (error) {
    // Nothing of a half-started app is left: its browser, database and folders.
    await browser?.close().catch(() => undefined);
    services.close();
    removeFolders(folders);
    throw error;
  }
  const launched = browser;
  const { page, pageErrors, faults } = opened;
  listening.page = page;
  // #16 recovery: no store to watch until the page has recovered the database.
  const stopWatching = services.recovering ? () => {} : services.store.watchOtherWriters(() => void sendEvent('plansChanged', {}));
  const ready = () => waitUntilReady(page);
  let closed = false;

  const app: RunningApp = {
    exportDir,
    answerSaveDialog(file) {
      nextSave = { file };
    },
    answerOpenDialog(file) {
      nextOpen = file;
    },
    revealed,
    page,
    browser: launched,
    services,
    dbPath,
    pageErrors,
    async checkA11y() {
      axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
      if (!hasAxe) await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
            };
          }
        ).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    },
    failCalls(method, error) {
      if (error) faults.set(method, error);
      else faults.delete(method);
    },
    async open(route: string) {
      await page.goto(`${APP_ORIGIN}/${route}`);
      await ready();
    },
    async call(method, input) {
      const outcome = await services.dispatch(method, input);
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
      return outcome.value as never;
    },
    sendEvent: (name, payload) => sendEvent(name, payload),
    async reload() {
      await page.reload();
      await ready();
    },
    async close() {
      if (closed) return;
      closed = true;
      openApps.delete(app);
      stopWatching();
      await launched.close().catch(() => undefined);
      services.close();
      removeFolders(folders);
    },
  };
  openApps.add(app);
  return app;
}
