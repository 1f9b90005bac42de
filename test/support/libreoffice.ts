// LibreOffice is the one optional tool of the test suite: tests that open our
// exports as a real office suite would run where `soffice` is on the PATH (CI
// installs it) and are skipped elsewhere, each with this reason beside its
// name and in the list of skipped tests at the end of the run.
import { spawnSync } from 'node:child_process';
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

/**
 * Converts every file of `inputs` in ONE start of LibreOffice (each start costs seconds; a second file in the
 * same start costs next to nothing), with a throwaway profile in `outdir`, so tests never touch (or wait on) a
 * user's. `format` is LibreOffice's, e.g. 'pdf' or 'docx:MS Word 2007 XML'. Returns the converted files' paths,
 * in the order of `inputs`; throws, with LibreOffice's messages, when one is missing.
 */
export function convertAll(soffice: string, inputs: readonly string[], format: string, outdir: string): string[] {
  const run = spawnSync(soffice, [`-env:UserInstallation=file://${outdir}/lo-profile`, '--headless', '--convert-to', format, '--outdir', outdir, ...inputs], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  const extension = format.split(':')[0];
  return inputs.map((input) => {
    const output = path.join(outdir, `${path.basename(input, path.extname(input))}.${extension}`);
    if (!fs.existsSync(output)) throw new Error(`LibreOffice did not convert ${path.basename(input)} (exit ${run.status}): ${run.stderr}`);
    return output;
  });
}
