// Before a window closes, the page is asked to save what is still waiting for
// its autosave, and the window closes when it answers (or after a time limit,
// so a hung page never keeps the app open). Quitting then cannot close the
// database under a save that is still on its way.
import type { BrowserWindow, IpcMain } from 'electron';
import { FLUSH_REQUEST_CHANNEL, FLUSHED_CHANNEL } from './ipc-channel';

export const FLUSH_TIME_LIMIT_MS = 3000;

export function saveBeforeClose(window: BrowserWindow, ipcMain: Pick<IpcMain, 'on' | 'removeListener'>, limitMs = FLUSH_TIME_LIMIT_MS): void {
  let flushed = false;
  window.on('close', (event) => {
    if (flushed || window.webContents.isDestroyed()) return;
    event.preventDefault();
    const contents = window.webContents;
    const finish = () => {
      if (flushed) return;
      flushed = true;
      clearTimeout(timer);
      ipcMain.removeListener(FLUSHED_CHANNEL, onFlushed);
      if (!window.isDestroyed()) window.close();
    };
    const onFlushed = (ipcEvent: { sender: unknown }) => {
      if (ipcEvent.sender === contents) finish();
    };
    // finish() runs later (a message or the timer), when `timer` is set.
    const timer = setTimeout(finish, limitMs);
    ipcMain.on(FLUSHED_CHANNEL, onFlushed);
    contents.send(FLUSH_REQUEST_CHANNEL);
  });
}
