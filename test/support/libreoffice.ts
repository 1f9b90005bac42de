// LibreOffice is the one optional tool of the test suite: tests that open our
// exports as a real office suite would run where `soffice` is on the PATH (CI
// installs it) and are skipped elsewhere, each with this reason beside its
// name and in the list of skipped tests at the end of the run.
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'vitest';

function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, program);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

/** The `soffice` program, or null where LibreOffice is not installed. */
export const SOFFICE: string | null = onPath('soffice');

export const NO_LIBREOFFICE = 'needs LibreOffice: no soffice on the PATH (apt-get install libreoffice-writer-nogui)';

/** Skips the running test, with the reason, where LibreOffice is missing; returns the path of `soffice`. */
export function needsLibreOffice(context: TestContext): string {
  if (!SOFFICE) context.skip(NO_LIBREOFFICE);
  return SOFFICE!;
}
