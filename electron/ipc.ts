// Binds the whole contract to the main process through one ipcMain.handle. Each
// call is checked twice: the sending frame must be one of the app's own pages,
// and the dispatcher validates method and input against the contract. Nothing
// here names a method, so a new contract entry needs no change in this file.
// Events go the other way on one channel too, and only to the app's own pages.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventName, EventPayload } from '../shared/contract';
import type { Dispatch } from '../shared/dispatch';
import type { Outcome } from '../shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channel';

/** Decides from the sending frame's URL (undefined when the frame is gone) whether to answer. */
export type TrustedSender = (frameUrl: string | undefined) => boolean;

const REFUSED: Outcome<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'This request did not come from a JFP Studio page and was refused.' },
};

/** Registers the handler and returns a function that removes it. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, isTrustedSender: TrustedSender): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedSender(senderUrl(event))) return REFUSED;
    return dispatch(method, input);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

function senderUrl(event: IpcMainInvokeEvent): string | undefined {
  try {
    // senderFrame is null once the frame has navigated away or been destroyed.
    return event.senderFrame?.url;
  } catch {
    return undefined;
  }
}

/** Sends one event of the contract's `events` table to the app's pages. */
export type SendEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export type EventTarget = Pick<WebContents, 'send' | 'getURL' | 'isDestroyed'>;

/**
 * Sends each event to every page `pages()` lists that shows one of the app's own
 * URLs (the check calls get), so a window that navigated elsewhere hears nothing.
 */
export function createEventSender(pages: () => Iterable<EventTarget>, isTrustedPage: TrustedSender): SendEvent {
  return (name, payload) => {
    for (const page of pages()) {
      if (page.isDestroyed() || !isTrustedPage(pageUrl(page))) continue;
      page.send(EVENT_CHANNEL, name, payload);
    }
  };
}

function pageUrl(page: EventTarget): string | undefined {
  try {
    return page.getURL();
  } catch {
    return undefined;
  }
}
