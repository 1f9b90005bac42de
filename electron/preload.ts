// Runs in the sandboxed window before the renderer and gives it one object,
// window.jfp, with a function per contract method. It is bundled into a single
// CommonJS file (a sandboxed preload can require only 'electron'), and it holds
// no logic: checks happen in the main process (ipc.ts, the dispatcher).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../shared/bridge';
import { INVOKE_CHANNEL } from './ipc-channel';

contextBridge.exposeInMainWorld(
  'jfp',
  createBridge((method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input)),
);
