// #15 Health and Wellbeing Boards as their own list: the appendix says exactly
// where each board has got to, counts read as English, an empty opinion is
// refused, today's one-board-per-place opinions survive the migration, and the
// exported sample has one HWB appendix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { exportDocument } from '../../electron/services/export';
import { boardStateSentences, hwbIntro, hwbOpinionBlocks } from '../../electron/services/export/model/appendices';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import { hwbItems } from '../../electron/services/readiness/hwb-items';
import { openStore } from '../../electron/services/store';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/services/store/migrations';
import type { MethodInput, MethodName } from '../../shared/contract';
import type { HwbBoard } from '../../shared/domain';
import { opinionsGivenSentence } from '../../shared/hwb-state';
import { callOk } from '../support/call-ok';
import { headings, paragraphs, readDocx } from '../support/docx-reader';
import { runJfp } from '../support/cli-run';

let dir: string;
let dbPath: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-hwb-'));
  dbPath = path.join(dir, 'jfp.db');
  services = startServices(dbPath, { log: () => undefined });
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const board = (over: Partial<HwbBoard>): HwbBoard => ({
  id: 'b1',
  position: 0,
  board: 'Fellside Health and Wellbeing Board',
  places: ['Fellside'],
  draftSentOn: null,
  receivedOn: null,
  opinion: '',
  takesProperAccount: 'not_stated',
  opinionOn: null,
  sharedWithNhseOn: null,
  finalSentOn: null,
  updatedAt: null,
  ...over,
});

const blockText = (blocks: ReturnType<typeof hwbOpinionBlocks>) =>
  blocks.map((b) => ('inlines' in b ? b.inlines.map((i) => ('text' in i ? i.text : '')).join('') : '')).join('\n');

describe('the HWB appendix wording', () => {
  it('says the draft was not sent, and never that the board gave its opinion', () => {
    const text = blockText(hwbOpinionBlocks([board({})]));
    expect(text).toContain('The draft plan has not yet been sent to the board.');
    expect(text).toContain('The draft plan has not yet been sent to any of them for its opinion.');
    expect(text).not.toMatch(/gave its opinion|given its opinion;/);
  });

  it('says the draft was sent and the opinion is awaited', () => {
    const sentences = boardStateSentences(board({ draftSentOn: '2025-11-10' }));
    expect(sentences).toEqual(['The board covers Fellside.', 'The draft plan was sent to the board on 10 November 2025.', 'Its opinion has not yet been received.']);
    expect(blockText(hwbOpinionBlocks([board({ draftSentOn: '2025-11-10' })]))).not.toContain('gave its opinion');
  });

  it('prints an opinion on the draft with its date, its view on proper account and the words', () => {
    const given = board({
      draftSentOn: '2025-11-10',
      receivedOn: '2026-01-14',
      opinion: 'The board supports the plan.',
      opinionOn: 'draft',
      takesProperAccount: 'yes',
      places: ['Fellside', 'Riverbank'],
    });
    const text = blockText(hwbOpinionBlocks([given]));
    expect(text).toContain('The board covers Fellside and Riverbank.');
    expect(text).toContain('The board gave its opinion on the draft plan on 14 January 2026.');
    expect(text).toContain('the plan takes proper account of its joint local health and wellbeing strategy');
    expect(text).toContain('The board supports the plan.');
    expect(text).not.toContain('shared with NHS England');
  });

  it('prints an opinion on the final plan, and its sharing with NHS England', () => {
    const given = board({ receivedOn: '2026-05-02', opinion: 'Still supportive.', opinionOn: 'final', sharedWithNhseOn: '2026-05-09', finalSentOn: '2026-06-20' });
    expect(boardStateSentences(given)).toEqual([
      'The board covers Fellside.',
      'The board gave its opinion on the final plan on 2 May 2026.',
      'Its opinion was shared with NHS England on 9 May 2026.',
      'The final plan was sent to the board on 20 June 2026.',
    ]);
  });

  it('counts boards in English in the introduction', () => {
    const given = board({ opinion: 'Yes.', opinionOn: 'draft', draftSentOn: '2025-11-10' });
    const waiting = board({ id: 'b2', board: 'Riverbank', draftSentOn: '2025-11-10' });
    const unsent = board({ id: 'b3', board: 'Westmere' });
    expect(hwbIntro([given, waiting, unsent])).toBe(
      'There are 3 Health and Wellbeing Boards in our area. 2 of 3 were sent the draft plan and asked whether it takes proper account of the joint local health and wellbeing strategy. 1 of 3 boards has given its opinion; each opinion is set out below in the board’s own words.',
    );
    expect(hwbIntro([])).toBe('No Health and Wellbeing Boards have been recorded for this plan yet.');
  });
});

describe('counts as English', () => {
  it.each([
    [1, 3, '1 of 3 boards has given its opinion'],
    [2, 3, '2 of 3 boards have given their opinion'],
    [0, 3, '0 of 3 boards have given their opinion'],
    [1, 1, '1 of 1 board has given its opinion'],
  ])('%i of %i', (given, total, sentence) => {
    expect(opinionsGivenSentence(given, total)).toBe(sentence);
  });
});

describe('boards of a plan', () => {
  it('start as one per place, may cover several places or none, and refuse an empty opinion with a sentence', async () => {
    const plan = await ok('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, places: ['North', 'South', 'East'] });
    const boards = await ok('listHwbOpinions', { planId: plan.id });
    expect(boards.map((b) => [b.board, b.places])).toEqual([
      ['North', ['North']],
      ['South', ['South']],
      ['East', ['East']],
    ]);
    // One board for two places; East keeps its own; a place may also have none.
    await ok('saveHwbBoard', {
      planId: plan.id,
      boardId: boards[0]!.id,
      name: 'North and South HWB',
      places: ['North', 'South'],
      draftSentOn: '2026-01-05',
      sharedWithNhseOn: null,
      finalSentOn: null,
    });
    await ok('deleteHwbBoard', { boardId: boards[1]!.id });
    const unknownPlace = await services.dispatch('saveHwbBoard', {
      planId: plan.id,
      name: 'West HWB',
      places: ['West'],
      draftSentOn: null,
      sharedWithNhseOn: null,
      finalSentOn: null,
    });
    expect(unknownPlace).toMatchObject({ ok: false, error: { message: '"West" is not one of this plan\'s places. Add it in the plan\'s details first.' } });

    const empty = await services.dispatch('saveHwbOpinion', {
      planId: plan.id,
      board: 'North and South HWB',
      receivedOn: '2026-02-01',
      opinion: '   ',
      takesProperAccount: 'yes',
    });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toMatch(/^Enter what the board said before saving its opinion\./);
    expect((await ok('listHwbOpinions', { planId: plan.id }))[0]!.opinion).toBe('');

    const saved = await ok('saveHwbOpinion', {
      planId: plan.id,
      board: 'North and South HWB',
      receivedOn: '2026-02-01',
      opinion: 'Supportive.',
      takesProperAccount: 'yes',
    });
    expect(saved).toMatchObject({ opinion: 'Supportive.', opinionOn: 'draft', places: ['North', 'South'] });
    expect((await ok('listPlanEvents', { planId: plan.id })).map((e) => e.kind)).toContain('hwb_opinion_recorded');

    // Readiness: North and South has given its opinion (not yet shared), East has not.
    const items = services.store.read(() => hwbItems(services.store, plan.id));
    expect(items.map((i) => [i.label, i.done, i.blocking])).toEqual([
      ['Include the opinion of North and South HWB', true, true],
      ['Share the opinion of North and South HWB with NHS England', false, false],
      ['Include the opinion of East', false, true],
    ]);

    // jfp hwb: one line each under an English count.
    services.close();
    const run = await runJfp(['--db', dbPath, 'hwb', plan.id], { env: { HOME: dir } });
    services = startServices(dbPath, { log: () => undefined });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 of 2 boards has given its opinion.');
    expect(run.stdout).toMatch(/North and South HWB\s+North, South\s+Opinion on the draft \(received 2026-02-01\)/);
    expect(run.stdout).toMatch(/East\s+East\s+Draft not sent/);
  });
});

describe('migrating today’s opinions', () => {
  it('turns each place into a board, keeps its opinion, and keeps an opinion whose place was removed', () => {
    const hwbMigration = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE hwb_boards'));
    const file = path.join(dir, 'old.db');
    const db = new Database(file);
    for (const sql of MIGRATIONS.slice(0, hwbMigration)) db.exec(sql);
    db.pragma(`user_version = ${hwbMigration}`);
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO plans (id, title, icb_name, start_year, end_year, places, created_at, updated_at) VALUES ('p1', 'Old plan', 'NHS Old ICB', 2026, 2030, ?, ?, ?)`,
    ).run(JSON.stringify(['Harrowfield', 'Silverbrook']), at, at);
    const opinion = db.prepare('INSERT INTO hwb_opinions (plan_id, board, received_on, opinion, takes_proper_account, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    opinion.run('p1', 'Harrowfield', '2026-01-14', 'Harrowfield supports the plan.', 'yes', at);
    opinion.run('p1', 'Oldtown', null, 'Oldtown had concerns.', 'no', at);
    db.close();

    const store = openStore(file);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const boards = store.opinions.list('p1');
      expect(
        boards.map((b) => ({ board: b.board, places: b.places, receivedOn: b.receivedOn, opinion: b.opinion, account: b.takesProperAccount, on: b.opinionOn })),
      ).toEqual([
        { board: 'Harrowfield', places: ['Harrowfield'], receivedOn: '2026-01-14', opinion: 'Harrowfield supports the plan.', account: 'yes', on: 'draft' },
        { board: 'Silverbrook', places: ['Silverbrook'], receivedOn: null, opinion: '', account: 'not_stated', on: null },
        { board: 'Oldtown', places: [], receivedOn: null, opinion: 'Oldtown had concerns.', account: 'no', on: 'draft' },
      ]);
    } finally {
      store.close();
    }
  });
});

describe('the exported sample plan', () => {
  it('has exactly one HWB appendix, generated from the boards, and the engagement record after “How we developed this plan”', async () => {
    const plan = await ok('createSamplePlan', {});
    const data = loadPlanExport(services.store, plan.id);
    const result = await exportDocument({ data, options: { includeComments: false } });
    const pkg = readDocx(new Uint8Array(result.content as Buffer));
    const texts = paragraphs(pkg).map((p) => p.text);
    // One heading for the boards' opinions: the template's own section gives way to the generated appendix.
    expect(headings(pkg).filter(([, t]) => /Health and Wellbeing Board/.test(t) && !/^Westmere|^Harrowfield|^Silverbrook/.test(t))).toEqual([
      [1, 'Appendix B: Health and Wellbeing Board opinions'],
    ]);
    expect(texts).toContain('Westmere Health and Wellbeing Board');
    expect(texts.join('\n')).toContain('Its opinion has not yet been received.');
    expect(texts.join('\n')).toContain('2 of 3 boards have given their opinion');
    expect(texts.join('\n')).not.toContain('The board has not yet given its opinion');
    const titles = headings(pkg).map(([, t]) => t);
    expect(titles[titles.findIndex((t) => /How we developed this plan$/.test(t)) + 1]).toBe('Our engagement record');
    expect(texts.join('\n')).toMatch(
      /We held 4 engagement activities between 10 November 2025 and 28 January 2026, reaching 1,872 people in those whose numbers we counted\./,
    );
  });
});
