// Binds the whole contract to the main process through one ipcMain.handle. Each
// call is checked twice: the sending frame must be one of the app's own pages,
// and the dispatcher validates method and input against the contract. Nothing
// here names a method, so a new contract entry needs no change in this file.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../shared/dispatch';
import type { Outcome } from '../shared/errors';
import { INVOKE_CHANNEL } from './ipc-channel';

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
