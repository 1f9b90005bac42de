// Runs a call for a button or form and turns a failure into the workspace's
// error notice, so each action does not repeat the try/catch.
import { useCallback } from 'react';
import { messageOf } from '../app/api';

export type RunAction = <T>(action: () => Promise<T>) => Promise<T | undefined>;

export function useRunAction(setError: (message: string | null) => void): RunAction {
  return useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      try {
        setError(null);
        return await action();
      } catch (e) {
        setError(messageOf(e));
        return undefined;
      }
    },
    [setError],
  );
}
