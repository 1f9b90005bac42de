// The one IPC channel in front of the real services (a temporary database):
// only the app's own pages are answered, every call is checked against the
// contract, and no method needs code of its own in ipc.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../electron/ipc';
import { APP_ENTRY_URL, isAllowedExternalUrl, isAppUrl } from '../../electron/window-policy';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { METHOD_NAMES } from '../../shared/contract';
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
