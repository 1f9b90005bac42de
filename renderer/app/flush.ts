// "Save everything now": the main process asks before a window closes (a
// jfp:flush DOM event relayed by the preload). Each open editor registers its
// autosave here; the page answers jfp:flushed when all of them have finished.
import { FLUSH_EVENT, FLUSHED_EVENT } from '../../shared/bridge';

const savers = new Set<() => Promise<void>>();

export function registerSaver(save: () => Promise<void>): () => void {
  savers.add(save);
  return () => savers.delete(save);
}

export async function saveAll(): Promise<void> {
  await Promise.allSettled([...savers].map((save) => save()));
}

export function answerFlushRequests(): () => void {
  const onFlush = () => {
    void saveAll().then(() => window.dispatchEvent(new Event(FLUSHED_EVENT)));
  };
  window.addEventListener(FLUSH_EVENT, onFlush);
  return () => window.removeEventListener(FLUSH_EVENT, onFlush);
}
