// Notices commits that another connection made to the plan database: the `jfp`
// command line, or another copy of the app, writing the same file. SQLite
// changes `PRAGMA data_version` when another connection commits, never for this
// connection's own writes, so the app's own saves do not count. Checking it is
// a read of one integer, cheap enough to do every second.
import type { Database } from 'better-sqlite3';

export const CHANGE_CHECK_MS = 1000;

/** Calls `onChange` after another connection commits; returns a function that stops watching. */
export function watchOtherWriters(db: Database, onChange: () => void, intervalMs = CHANGE_CHECK_MS): () => void {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  const timer = setInterval(() => {
    if (!db.open) return stop();
    let current: unknown;
    try {
      current = dataVersion.get();
    } catch {
      // A busy or briefly locked file: look again at the next tick.
      return;
    }
    if (current === seen) return;
    seen = current;
    onChange();
  }, intervalMs);
  // Watching never keeps the process alive on its own.
  timer.unref?.();
  function stop() {
    clearInterval(timer);
  }
  return stop;
}
