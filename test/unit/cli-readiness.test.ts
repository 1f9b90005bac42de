// #15 `jfp check` prints the readiness list and figure and exits 1 while
// blocking items remain; `jfp sign-off` records who and the reasons, or refuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../shared/domain';
import { runJfp } from '../support/cli-run';

let dir: string;
let dbPath: string;
const jfp = (args: string[]) => runJfp(['--db', dbPath, ...args], { env: { HOME: dir } });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-readiness-'));
  dbPath = path.join(dir, 'jfp.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function newPlan(): Promise<string> {
  const run = await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--template', 'jfp', '--start-year', '2026', '--place', 'Riverside']);
  expect(run.code).toBe(0);
  return run.stdout.trim();
}

describe('jfp check and jfp sign-off', () => {
  it('lists the open items with references and ids, exits 1, and after a sign-off with reasons says so', async () => {
    const planId = await newPlan();
    const check = await jfp(['check', planId]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^Not ready: \d+ of \d+ items done \(\d+%\); \d+ blocking items open\./);
    expect(check.stdout).toContain('[!] (d) Steps for children and young people under 25 (NHS Act 2006 s14Z52(2)(d))');
    // Each board's item is listed by the board's name, with its id to give to --reason.
    expect(check.stdout).toMatch(/\[!\] Include the opinion of Riverside[^\n]*\n {6}The draft has not been sent to the board\. {2}\[hwb:[^\]\s]+\]/);

    const refused = await jfp(['sign-off', planId, '--name', 'Ada Byron', '--role', 'Chief Executive']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot be signed off: \d+ blocking items are not done/);

    const report = JSON.parse((await jfp(['check', planId, '--json'])).stdout) as ReadinessReport;
    const reasons = report.items.filter((i) => i.blocking && !i.done).flatMap((i) => ['--reason', `${i.id}=Accepted by the Board`]);
    const signed = await jfp(['sign-off', planId, '--name', 'Ada Byron', '--role', 'Chief Executive', ...reasons]);
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(signed.stdout).toMatch(/^Signed off “Plan” as final\. Ready:/);
    const after = await jfp(['check', planId]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/Signed off by Ada Byron \(Chief Executive\) on \d{4}-\d{2}-\d{2}\./);
  });

  it('refuses a --reason without ITEM=', async () => {
    const planId = await newPlan();
    const run = await jfp(['sign-off', planId, '--name', 'A', '--role', 'B', '--reason', 'because']);
    expect(run.code).toBe(2);
    // The example is an id jfp check really prints (board ids are no longer place names).
    expect(run.stderr).toContain('--reason must be ITEM=TEXT, like board-paper:cover=');
  });
});
