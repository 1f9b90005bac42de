// What `jfp` prints of other people's text (comments, names, titles) cannot
// drive the terminal: escape sequences, BEL, backspace, C1 controls and
// bidirectional overrides are printed as visible symbols, tables still line
// up, and --json keeps the exact text, with the same characters escaped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJfp } from '../support/cli-run';
import { terminalSafe } from '../../electron/cli/text-layout';
import { startServices } from '../../electron/services/app-services';
import type { CommentThread } from '../../shared/domain';

let dir: string;
let dbPath: string;
let planId: string;

/** Everything a terminal would act on rather than show, but line feeds and tabs. */
const ACTS_ON_TERMINAL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const HOSTILE_BODY = 'Fine\u001b]52;c;ZWNobyBwd25lZA==\u0007 but\u001b[2J\u001b[1;1H cleared\b\b\b\u009b31m red \u202Etxt.exe\u202C and\r overwritten';
const HOSTILE_NAME = 'Asha\u001b[8m Patel';

const jfp = (args: string[], color = false) => runJfp(['--db', dbPath, ...args], { color });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-terminal-'));
  dbPath = path.join(dir, 'jfp.db');
  const services = startServices(dbPath, { log: () => {} });
  const call = async (method: string, input: unknown) => {
    const outcome = await services.dispatch(method, input);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value as { id: string };
  };
  try {
    planId = (await call('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2027, templateId: 'blank' })).id;
    const section = await call('addSection', { planId, parentId: null, title: 'Access' });
    // The app now refuses control characters in titles, but a database written before that rule
    // (or by hand) may still hold them: the CLI must print them harmlessly all the same.
    services.store.db.prepare('UPDATE sections SET title = ? WHERE id = ?').run('Access\u001b[5m blinking', section.id);
    const asha = await call('addStakeholder', { planId, name: HOSTILE_NAME, organisation: 'Healthwatch', orgType: 'healthwatch', email: '' });
    await call('createThread', { planId, sectionId: section.id, stakeholderId: asha.id, body: HOSTILE_BODY, quote: '' });
  } finally {
    services.close();
  }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('jfp comments on text holding terminal controls', () => {
  it('prints the controls as visible symbols, not as commands to the terminal', async () => {
    const run = await jfp(['comments', planId]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(ACTS_ON_TERMINAL);
    expect(run.stdout).toContain('Asha␛[8m Patel');
    expect(run.stdout).toContain('Access␛[5m blinking');
    expect(run.stdout).toContain('Fine␛]52;c;ZWNob');
  });

  it('keeps the table lined up: each control takes one column, like the symbol shown', async () => {
    const lines = (await jfp(['comments', planId])).stdout.trimEnd().split('\n');
    const byColumn = lines[0]!.indexOf('BY');
    expect(lines[1]!.indexOf('Asha')).toBe(byColumn);
  });

  it('gives the exact text in --json, with those characters written as \\u escapes', async () => {
    const run = await jfp(['comments', planId, '--json']);
    expect(run.stdout).not.toMatch(ACTS_ON_TERMINAL);
    const threads = JSON.parse(run.stdout) as CommentThread[];
    expect(threads[0]!.comments[0]!.body).toBe(HOSTILE_BODY);
    expect(threads[0]!.comments[0]!.authorName).toBe(HOSTILE_NAME);
  });

  it('keeps its own bold for search matches on a terminal, and nothing else', async () => {
    const run = await jfp(['search', planId, 'blinking'], true);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\u001b[1m');
    expect(run.stdout.replace(/\u001b\[(?:1|22)m/g, '')).not.toMatch(ACTS_ON_TERMINAL);
  });
});

describe('terminalSafe', () => {
  it.each([
    ['ESC', '\u001b[2J', '␛[2J'],
    ['BEL', 'ding\u0007', 'ding␇'],
    ['backspace', 'abc\b\b', 'abc␈␈'],
    ['carriage return', 'new\rold', 'new␍old'],
    ['DEL', 'x\u007f', 'x␡'],
    ['a C1 control (one-byte CSI)', '\u009b31m', '\uFFFD31m'],
    ['a right-to-left override', 'photo\u202Egpj.exe', 'photo\uFFFDgpj.exe'],
    ['an isolate', '\u2066x\u2069', '\uFFFDx\uFFFD'],
    ['line feeds and tabs, kept', 'one\n\ttwo', 'one\n\ttwo'],
    ['Welsh and accented letters, kept', 'Ysbyty Gwynedd – café', 'Ysbyty Gwynedd – café'],
  ])('neutralises %s', (_what, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });
});
