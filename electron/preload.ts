// Runs in the sandboxed window before the renderer and gives it one object,
// window.jfp, with a function per contract method and `subscribe` for events
// from the main process. It is bundled into a single CommonJS file (a sandboxed
// preload can require only 'electron'), and it holds no logic of its own:
// calls are checked in the main process (ipc.ts, the dispatcher), events against
// the contract's table as they arrive (shared/bridge.ts).
// It also relays the main process's "save now" before a window closes: a DOM
// event the renderer answers when its pending edits are saved.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, createEventHub, FLUSH_EVENT, FLUSHED_EVENT } from '../shared/bridge';
import { EVENT_CHANNEL, FLUSH_REQUEST_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNEL } from './ipc-channel';

const events = createEventHub();

contextBridge.exposeInMainWorld(
  'jfp',
  createBridge((method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input), events.subscribe),
);

ipcRenderer.on(FLUSH_REQUEST_CHANNEL, () => {
  window.addEventListener(FLUSHED_EVENT, () => ipcRenderer.send(FLUSHED_CHANNEL), { once: true });
  window.dispatchEvent(new Event(FLUSH_EVENT));
});

// Only the main process can send to a page (webContents.send); what it sends is still checked on arrival.
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => void events.deliver(name, payload));
