// The one IPC channel in front of the real services (a temporary database):
// only the app's own pages are answered, every call is checked against the
// contract, and no method needs code of its own in ipc.ts. Events go the other
// way on one channel, only to the app's own pages, and are checked on arrival.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventSender, registerIpc, type EventTarget } from '../../electron/ipc';
import type { ExportPorts } from '../../electron/services/export-service';
import { APP_ENTRY_URL, isAllowedExternalUrl, isAppUrl } from '../../electron/window-policy';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { createEventHub, type JfpEvent } from '../../shared/bridge';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/contract';
import type { ExportStatus } from '../../shared/domain';
import type { Dispatch } from '../../shared/dispatch';

type Handler = (event: IpcMainInvokeEvent, method: unknown, input: unknown) => Promise<unknown> | unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent;

let tmp: string;
let services: AppServices;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-ipc-'));
  services = startServices(path.join(tmp, 'jfp.db'), { log: () => {} });
});

afterEach(() => {
  services.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function connect(dispatch: Dispatch = services.dispatch) {
  const ipcMain = fakeIpcMain();
  const remove = registerIpc(ipcMain, dispatch, isAppUrl);
  expect([...ipcMain.handlers.keys()]).toEqual(['jfp:invoke']);
  const invoke = ipcMain.handlers.get('jfp:invoke')!;
  return { ipcMain, remove, call: (event: IpcMainInvokeEvent, method: unknown, input: unknown) => Promise.resolve(invoke(event, method, input)) };
}

const newPlan = { title: 'Joint Forward Plan 2026/27', icbName: 'NHS Example ICB', startYear: 2026 };

describe('the jfp:invoke channel', () => {
  it('a valid call from the app’s page reaches the plan database', async () => {
    const { call } = connect();
    const created = await call(from(APP_ENTRY_URL), 'createPlan', newPlan);
    expect(created).toMatchObject({ ok: true, value: { title: newPlan.title, icbName: newPlan.icbName } });
    const listed = await call(from(`${APP_ENTRY_URL}#/plans`), 'listPlans', {});
    expect(listed).toMatchObject({ ok: true, value: [{ title: newPlan.title }] });
  });

  it('an invalid call is refused with invalid_input and saves nothing', async () => {
    const { call } = connect();
    const missingTitle = await call(from(APP_ENTRY_URL), 'createPlan', { icbName: 'NHS Example ICB', startYear: 2026 });
    expect(missingTitle).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Give the plan a title.' } });
    const extraField = await call(from(APP_ENTRY_URL), 'createPlan', { ...newPlan, sql: 'DROP TABLE plans' });
    expect(extraField).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknownMethod = await call(from(APP_ENTRY_URL), 'runSql', { sql: 'DROP TABLE plans' });
    expect(unknownMethod).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(from(APP_ENTRY_URL), 'listPlans', {})).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['another web origin', 'https://evil.example/'],
    ['a lookalike app host', 'app://jfp.evil.example/index.html'],
    ['a local file', 'file:///tmp/index.html'],
    ['an empty frame', 'about:blank'],
    ['a frame that has gone', null],
  ])('a call from %s is refused before the dispatcher sees it', async (_what, url) => {
    const dispatch = vi.fn(services.dispatch);
    const { call } = connect(dispatch);
    const refused = await call(from(url), 'createPlan', newPlan);
    expect(refused).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/refused/) } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(services.store.plans.list()).toEqual([]);
  });

  it('every contract method travels on the one channel, unchanged, with no code per method', async () => {
    const dispatch = vi.fn<Dispatch>(async (method) => ({ ok: true, value: method }));
    const { call } = connect(dispatch);
    for (const method of METHOD_NAMES) {
      expect(await call(from(APP_ENTRY_URL), method, { probe: method })).toEqual({ ok: true, value: method });
    }
    expect(dispatch.mock.calls).toEqual(METHOD_NAMES.map((method) => [method, { probe: method }]));
  });

  it('can be removed again', () => {
    const { ipcMain, remove } = connect();
    remove();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('jfp:invoke');
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('which URLs count as the app and which may leave it', () => {
  it.each([
    ['app://jfp/index.html', true],
    ['app://JFP/index.html#/plan/x', true],
    ['app://jfp/', true],
    ['app://jfp.evil.example/', false],
    ['app://evil/index.html', false],
    ['app://jfp:8080/index.html', false],
    ['app://someone@jfp/index.html', false],
    ['https://jfp/index.html', false],
    ['file:///jfp/index.html', false],
    ['not a url', false],
    [undefined, false],
  ])('isAppUrl(%s) is %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it.each([
    ['https://www.england.nhs.uk/long-read/joint-forward-plans/', true],
    ['mailto:plans@nhs.net', true],
    ['HTTPS://WWW.NHS.UK/', true],
    ['http://www.nhs.uk/', false],
    ['javascript:alert(1)', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['smb://server/share', false],
    ['ms-excel:ofe|u|https://x/y.xlsx', false],
    ['app://jfp/index.html', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['https://', false],
    ['', false],
  ])('isAllowedExternalUrl(%s) is %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });
});

function fakePage(url: string | (() => string), destroyed = false) {
  const sent: unknown[][] = [];
  const page: EventTarget = {
    send: (...args: unknown[]) => void sent.push(args),
    getURL: typeof url === 'string' ? () => url : url,
    isDestroyed: () => destroyed,
  };
  return { page, sent };
}

describe('the jfp:event channel', () => {
  it('sends an event to the app’s own pages only, as (name, payload) on one channel', () => {
    const app = fakePage(APP_ENTRY_URL);
    const elsewhere = fakePage('https://evil.example/');
    const gone = fakePage(APP_ENTRY_URL, true);
    const broken = fakePage(() => {
      throw new Error('destroyed');
    });
    const send = createEventSender(() => [app.page, elsewhere.page, gone.page, broken.page], isAppUrl);
    send('plansChanged', {});
    expect(app.sent).toEqual([['jfp:event', 'plansChanged', {}]]);
    expect(elsewhere.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
    expect(broken.sent).toEqual([]);
  });

  it('the page passes on only known events whose payload matches the contract', () => {
    const hub = createEventHub();
    const heard: JfpEvent[] = [];
    const stop = hub.subscribe((event) => heard.push(event));
    const status: ExportStatus = {
      jobId: 'job-1',
      state: 'running',
      message: 'Reading the plan…',
      fileName: null,
      outputPath: null,
      warnings: [],
      accessibilityProblems: [],
      elapsedMs: null,
    };
    expect(hub.deliver('exportProgress', status)).toBe(true);
    expect(hub.deliver('plansChanged', {})).toBe(true);
    expect(hub.deliver('exportProgress', { ...status, state: 'exploded' })).toBe(false);
    expect(hub.deliver('exportProgress', { ...status, extra: '<script>' })).toBe(false);
    expect(hub.deliver('plansChanged', null)).toBe(false);
    expect(hub.deliver('runSql', {})).toBe(false);
    expect(hub.deliver({ toString: 1 }, {})).toBe(false);
    // #12: a menu command, and one the contract does not know or with a bad plan id.
    expect(hub.deliver('menuCommand', { command: 'newPlan' })).toBe(true);
    expect(hub.deliver('menuCommand', { command: 'formatDisk' })).toBe(false);
    expect(hub.deliver('menuCommand', { command: 'openPlan', planId: '../../etc' })).toBe(false);
    expect(heard).toEqual([
      { name: 'exportProgress', payload: status },
      { name: 'plansChanged', payload: {} },
      { name: 'menuCommand', payload: { command: 'newPlan' } },
    ]);
    stop();
    hub.deliver('plansChanged', {});
    expect(heard).toHaveLength(3);
    expect(EVENT_NAMES).toEqual(['exportProgress', 'plansChanged', 'menuCommand']);
  });

  it('an export reports each step and its end through the export port, ending with the file it saved', async () => {
    const statuses: ExportStatus[] = [];
    const outDir = path.join(tmp, 'out');
    fs.mkdirSync(outDir);
    const ports: ExportPorts = {
      chooseSavePath: async (name) => path.join(outDir, name),
      chooseOpenPath: async () => null,
      openPath: async () => undefined,
      showInFolder: () => undefined,
      exportStatusChanged: (status) => statuses.push(status),
    };
    const exporting = startServices(path.join(tmp, 'export.db'), { log: () => {}, exportPorts: ports });
    try {
      const plan = await exporting.dispatch('createSamplePlan', {});
      if (!plan.ok) throw new Error(plan.error.message);
      const started = await exporting.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'html' });
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.value as { jobId: string };
      await vi.waitFor(() => expect(statuses.at(-1)?.state).toBe('done'), { timeout: 30_000 });
      expect(statuses.every((s) => s.jobId === jobId)).toBe(true);
      expect(statuses.slice(0, -1).map((s) => s.state)).toEqual(statuses.slice(0, -1).map(() => 'running'));
      expect(statuses.map((s) => s.message)).toEqual(expect.arrayContaining(['Reading the plan…', expect.stringMatching(/^Building the web page/)]));
      const last = statuses.at(-1)!;
      expect(last.fileName).toMatch(/\.html$/);
      expect(fs.existsSync(path.join(outDir, last.fileName!))).toBe(true);
      // What was pushed is what the status call answers.
      expect(await exporting.dispatch('exportStatus', { jobId })).toEqual({ ok: true, value: last });
    } finally {
      exporting.close();
    }
  });
});

describe('noticing another process’s commits', () => {
  it('reports a commit made through another connection (the jfp command line), not the app’s own', async () => {
    const dbPath = path.join(tmp, 'jfp.db');
    let changes = 0;
    const stop = services.store.watchOtherWriters(() => changes++, 20);
    try {
      // The app's own write.
      await services.dispatch('createPlan', newPlan);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(changes).toBe(0);
      // Another process's write, on its own connection.
      const other = startServices(dbPath, { log: () => {} });
      try {
        await other.dispatch('createPlan', { ...newPlan, title: 'Written by jfp' });
      } finally {
        other.close();
      }
      await vi.waitFor(() => expect(changes).toBe(1), { timeout: 2000 });
    } finally {
      stop();
    }
    const after = changes;
    const again = startServices(dbPath, { log: () => {} });
    await again.dispatch('createPlan', { ...newPlan, title: 'After stopping' });
    again.close();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(changes).toBe(after);
  });
});
