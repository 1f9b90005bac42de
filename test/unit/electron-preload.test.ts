// The preload gives the page exactly one object, window.jfp, with one function
// per contract method, all sent on the one channel, and `subscribe` for the
// events the main process sends on its one channel; and the shipped bundle is a
// single CommonJS file that needs nothing but 'electron' (a sandboxed preload
// can require nothing else).
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';

const fake = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' })),
    on: vi.fn(),
    send: vi.fn(),
  },
}));

vi.mock('electron', () => ({ ...fake, default: fake }));

const ROOT = path.resolve(__dirname, '..', '..');

beforeEach(() => {
  vi.clearAllMocks();
});

describe('the preload', () => {
  it('exposes exactly one object, jfp, with one function per contract method', async () => {
    vi.resetModules();
    await import('../../electron/preload');
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, bridge] = fake.contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(name).toBe('jfp');
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'subscribe'].sort());
    for (const method of METHOD_NAMES) expect(typeof bridge[method]).toBe('function');

    await expect(bridge.getPlan({ planId: 'p1' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('jfp:invoke', 'getPlan', { planId: 'p1' });
  });

  it('passes the main process’s events on to the page’s subscribers, dropping any the contract does not allow', async () => {
    vi.resetModules();
    await import('../../electron/preload');
    const [, bridge] = fake.contextBridge.exposeInMainWorld.mock.calls[0]!;
    const [channel, onEvent] = fake.ipcRenderer.on.mock.calls.find(([c]) => c === 'jfp:event')! as [string, (event: unknown, name: unknown, payload: unknown) => void];
    expect(channel).toBe('jfp:event');
    const heard: unknown[] = [];
    const stop = bridge.subscribe((event: unknown) => heard.push(event));
    onEvent({}, 'plansChanged', {});
    onEvent({}, 'plansChanged', { sql: 'DROP TABLE plans' });
    onEvent({}, 'somethingElse', {});
    onEvent({}, 'exportProgress', { jobId: 'j1', state: 'running' });
    stop();
    onEvent({}, 'plansChanged', {});
    expect(heard).toEqual([{ name: 'plansChanged', payload: {} }]);
  });

  it("relays a request to save before closing to the page, and the page's answer back", async () => {
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    try {
      vi.resetModules();
      await import('../../electron/preload');
      const [channel, onRequest] = fake.ipcRenderer.on.mock.calls.find(([c]) => c === 'jfp:flush-request')! as [string, () => void];
      expect(channel).toBe('jfp:flush-request');
      let asked = 0;
      page.addEventListener('jfp:flush', () => asked++);
      onRequest();
      expect(asked).toBe(1);
      expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
      page.dispatchEvent(new Event('jfp:flushed'));
      expect(fake.ipcRenderer.send).toHaveBeenCalledWith('jfp:flushed');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('is bundled as one CommonJS file that requires only electron and exposes the same bridge', async () => {
    const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
    const { build: esbuild } = await import('esbuild');
    const options = build.bundleOptions(ROOT).preload;
    const result = await esbuild({ ...options, write: false, sourcemap: false, logLevel: 'silent' });
    expect(result.outputFiles).toHaveLength(1);
    const code = result.outputFiles![0]!.text;

    const required: string[] = [];
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return fake;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    expect(required).toEqual(['electron']);
    const [name, bridge] = fake.contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(name).toBe('jfp');
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'subscribe'].sort());
  });
});
