// #11 `jfp actual PLAN COMMITMENT --value V --date YYYY-MM-DD [--source TEXT]`:
// records an actual on the commitment named by its row number or id, and says
// what status it gives; refuses bad values and dates with one sentence, saving nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { Commitment } from '../../shared/domain';
import { parseValue } from '../../electron/cli/commitments-command';
import { callOk } from '../support/call-ok';
import { runJfp, type CliRun } from '../support/cli-run';

let dir: string;
let dbPath: string;
const jfp = (args: string[]): Promise<CliRun> => runJfp(['--db', dbPath, ...args], { env: { HOME: dir } });

async function inApp<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const services = startServices(dbPath, { log: () => {} });
  try {
    return await callOk(services, method, input);
  } finally {
    services.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-actual-'));
  dbPath = path.join(dir, 'jfp.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function planWithTwoCommitments(): Promise<{ planId: string; rows: Commitment[] }> {
  const plan = await inApp('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const first = await inApp('addCommitment', { planId: plan.id, fields: { commitment: 'Virtual wards', metric: 'Beds per 100,000' } });
  const second = await inApp('addCommitment', {
    planId: plan.id,
    fields: { commitment: 'Faster cancer diagnosis', metric: 'Cancer 62-day standard', trajectory: [{ year: 2026, planned: 75 }] },
  });
  return { planId: plan.id, rows: [first, second] };
}

describe('jfp actual', () => {
  it('records an actual on the commitment with that row number and prints the status it gives', async () => {
    const { planId, rows } = await planWithTwoCommitments();
    const run = await jfp(['actual', planId.slice(0, 8), '2', '--value', '72.4', '--date', '2026-09-30', '--source', 'NHS England cancer waiting times']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      'Recorded 72.4 for 30 Sep 2026 on commitment 2, "Faster cancer diagnosis".\n' +
        'Status: Amber - at risk. Latest actual 72.4 (30 Sep 2026) is 2.6 below the plan of 75 for 2026/27 (within 5%): amber.\n',
    );
    const saved = await inApp('getCommitment', { commitmentId: rows[1]!.id });
    expect(saved.actuals).toMatchObject([{ date: '2026-09-30', value: 72.4, source: 'NHS England cancer waiting times' }]);
    expect(saved.rag).toBe('amber');
    // The listing shows the latest actual.
    expect((await jfp(['commitments', planId])).stdout).toMatch(/2\s+-\s+Faster cancer diagnosis.*72\.4 \(30 Sep 2026\)\s+Amber - at risk\n/);
  });

  it('finds a commitment by a unique start of its id, and prints JSON with --json', async () => {
    const { planId, rows } = await planWithTwoCommitments();
    // At least six characters, up to a letter: a start made only of digits is read as a row number (as the command's help says).
    const id = rows[0]!.id;
    const start = id.slice(0, Math.max(6, id.search(/[a-f]/i) + 1));
    const run = await jfp(['actual', planId, start, '--value', '1,800', '--date', '2026-06-30', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Commitment).actuals.map((a) => a.value)).toEqual([1800]);
  });

  it('refuses a value that is not a number, a future date or an unknown row, with one sentence, saving nothing', async () => {
    const { planId, rows } = await planWithTwoCommitments();
    const bad = await jfp(['actual', planId, '2', '--value', 'lots', '--date', '2026-06-30']);
    expect(bad).toMatchObject({ code: 2, stdout: '', stderr: 'jfp: --value must be a number such as 72.4, not "lots".\n' });
    const future = await jfp(['actual', planId, '2', '--value', '70', '--date', '2999-01-01']);
    expect(future).toMatchObject({ code: 2, stderr: 'jfp: The date of the actual cannot be in the future.\n' });
    const missing = await jfp(['actual', planId, '9', '--value', '70', '--date', '2026-06-30']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^jfp: "Joint Forward Plan" has no commitment number 9; it has 2\./);
    expect((await jfp(['actual', planId, '2', '--date', '2026-06-30'])).code).toBe(2);
    expect((await inApp('getCommitment', { commitmentId: rows[1]!.id })).actuals).toEqual([]);
  });

  it('reads values as people write them', () => {
    expect([parseValue('72.4'), parseValue('-18'), parseValue('1,800'), parseValue(' 0.5 '), parseValue('.5')]).toEqual([72.4, -18, 1800, 0.5, 0.5]);
    expect([parseValue('1,80'), parseValue('12abc'), parseValue(''), parseValue('Infinity'), parseValue('1e400')]).toEqual([null, null, null, null, null]);
  });
});
