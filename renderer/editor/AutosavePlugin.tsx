// Saves the section within a second of the last change, when the user leaves
// the section and when the window is hidden or closed. A failed save keeps the
// text in the editor, says so loudly and retries; a conflict waits for the user.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useCallback, useEffect, useRef } from 'react';
import type { SavedSection } from '../../shared/domain';
import { ApiFailure, call, messageOf } from '../app/api';
import { registerSaver } from '../app/flush';
import { useReportSaveStatus } from './save-status';

export const AUTOSAVE_DELAY_MS = 600;
const RETRY_MS = 4000;

export interface AutosaveHandle {
  /** Saves now if anything is pending; resolves when saved (or failed). */
  flush(): Promise<void>;
  /** Takes the saved revision as the base for the next save (after "keep my version"). */
  rebase(revision: number): void;
}

export function AutosavePlugin({
  sectionId,
  revision,
  onSaved,
  handleRef,
}: {
  sectionId: string;
  revision: number;
  onSaved: (saved: SavedSection) => void;
  handleRef?: React.MutableRefObject<AutosaveHandle | null>;
}) {
  const [editor] = useLexicalComposerContext();
  const report = useReportSaveStatus();
  const base = useRef(revision);
  const dirty = useRef(false);
  const blocked = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);
  const onSavedRef = useRef(onSaved);
  // The retry timer calls the latest save (its own definition cannot name itself).
  const saveRef = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => {
    onSavedRef.current = onSaved;
  }, [onSaved]);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (running.current) await running.current;
    if (!dirty.current || blocked.current) return;
    dirty.current = false;
    const content = JSON.stringify(editor.getEditorState().toJSON());
    report({ state: 'saving' });
    const attempt = call('saveSectionContent', { sectionId, revision: base.current, content })
      .then((saved) => {
        base.current = saved.revision;
        onSavedRef.current(saved);
        report(dirty.current ? { state: 'unsaved' } : { state: 'saved' });
      })
      .catch((error: unknown) => {
        dirty.current = true;
        const conflict = error instanceof ApiFailure && error.code === 'conflict';
        report({ state: 'failed', message: messageOf(error), conflict });
        if (conflict) blocked.current = true;
        else if (!(error instanceof ApiFailure && error.code === 'invalid_input')) {
          timer.current = setTimeout(() => void saveRef.current(), RETRY_MS);
        }
      });
    running.current = attempt;
    await attempt;
    running.current = null;
  }, [editor, sectionId, report]);

  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  useEffect(() => {
    if (handleRef) {
      handleRef.current = {
        flush: save,
        rebase(next) {
          base.current = next;
          blocked.current = false;
          dirty.current = true;
          void save();
        },
      };
    }
  }, [handleRef, save]);

  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        // 'history-merge' marks Lexical's own re-normalisation when a plugin registers
        // (no user edit): it is saved with the next real change, not on opening.
        if (tags.has('skip-autosave') || tags.has('history-merge')) return;
        dirty.current = true;
        if (!blocked.current) report({ state: 'unsaved' });
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      }),
    [editor, save, report],
  );

  useEffect(() => {
    const flushNow = () => void save();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    const unregister = registerSaver(save);
    window.addEventListener('pagehide', flushNow);
    window.addEventListener('beforeunload', flushNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      unregister();
      window.removeEventListener('pagehide', flushNow);
      window.removeEventListener('beforeunload', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
      // Leaving the section: save what is pending.
      flushNow();
    };
  }, [save]);

  return null;
}
