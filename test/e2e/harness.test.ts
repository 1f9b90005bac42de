// The harness cleans up after itself: an app that was closed leaves none of
// its folders, and one that could not start leaves nothing at all, so a
// failing run does not fill the temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchApp } from './harness';

/** Runs `body` with these environment variables set in this test process only. */
async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('the e2e harness', () => {
  it('removes the database and export folders it made when the app is closed', async () => {
    const app = await launchApp();
    const folders = [path.dirname(app.dbPath), app.exportDir];
    expect(await app.page.getByRole('button', { name: 'New plan' }).first().isVisible()).toBe(true);
    for (const dir of folders) expect(fs.existsSync(dir)).toBe(true);
    await app.close();
    for (const dir of folders) expect(fs.existsSync(dir)).toBe(false);
  });

  it('leaves nothing in the temp folder when the browser cannot start, and says why', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-harness-'));
    try {
      const missing = path.join(tmp, 'no-chromium-here');
      const failure = await withEnv({ TMPDIR: tmp, CHROMIUM_PATH: missing }, () =>
        launchApp().then(
          () => null,
          (error: Error) => error,
        ),
      );
      expect(failure?.message).toBe(`CHROMIUM_PATH is set to ${missing}, which does not exist; point it at Chrome, Chromium or Edge, or unset it so that one is found.`);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
