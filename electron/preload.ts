// Runs in the sandboxed window before the renderer and gives it one object,
// window.jfp, with a function per contract method. It is bundled into a single
// CommonJS file (a sandboxed preload can require only 'electron'), and it holds
// no logic: checks happen in the main process (ipc.ts, the dispatcher).
// It also relays the main process's "save now" before a window closes: a DOM
// event the renderer answers when its pending edits are saved.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, FLUSH_EVENT, FLUSHED_EVENT } from '../shared/bridge';
import { FLUSH_REQUEST_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNEL } from './ipc-channel';

contextBridge.exposeInMainWorld(
  'jfp',
  createBridge((method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input)),
);

ipcRenderer.on(FLUSH_REQUEST_CHANNEL, () => {
  window.addEventListener(FLUSHED_EVENT, () => ipcRenderer.send(FLUSHED_CHANNEL), { once: true });
  window.dispatchEvent(new Event(FLUSH_EVENT));
});
