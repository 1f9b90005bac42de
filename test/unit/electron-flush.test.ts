// Closing a window first asks its page to save pending edits; the window closes
// when the page answers, or after a time limit if it never does.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { saveBeforeClose } from '../../electron/flush-on-close';
import { FLUSH_REQUEST_CHANNEL, FLUSHED_CHANNEL } from '../../electron/ipc-channel';

function fakeWindow() {
  const window = new EventEmitter() as EventEmitter & {
    webContents: { send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean };
    close: () => void;
    isDestroyed: () => boolean;
    closed: boolean;
  };
  window.closed = false;
  window.webContents = { send: vi.fn(), isDestroyed: () => false };
  window.isDestroyed = () => window.closed;
  window.close = () => {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    window.emit('close', event);
    if (!event.defaultPrevented) window.closed = true;
  };
  return window;
}

describe('closing a window', () => {
  it('waits for the page to say its edits are saved, then closes', () => {
    const ipcMain = new EventEmitter();
    const window = fakeWindow();
    saveBeforeClose(window as never, ipcMain as never);
    window.close();
    expect(window.closed).toBe(false);
    expect(window.webContents.send).toHaveBeenCalledWith(FLUSH_REQUEST_CHANNEL);
    ipcMain.emit(FLUSHED_CHANNEL, { sender: {} }); // another window's answer changes nothing
    expect(window.closed).toBe(false);
    ipcMain.emit(FLUSHED_CHANNEL, { sender: window.webContents });
    expect(window.closed).toBe(true);
    expect(ipcMain.listenerCount(FLUSHED_CHANNEL)).toBe(0);
  });

  it('closes anyway when the page does not answer in time', () => {
    vi.useFakeTimers();
    try {
      const ipcMain = new EventEmitter();
      const window = fakeWindow();
      saveBeforeClose(window as never, ipcMain as never, 3000);
      window.close();
      vi.advanceTimersByTime(2999);
      expect(window.closed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(window.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
