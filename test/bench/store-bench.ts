// Main-process speed with a large plan: 60 sections holding about 300,000
// words, 400 delivery commitments and reviewers' comments, in a temporary
// database, all through the same dispatcher the app uses. Measures opening a
// plan (getPlan + listSections), saving a 10,000-word section (validation,
// plain text, word count, row and full-text index update), with WAL's
// synchronous=NORMAL beside FULL and a smaller autocheckpoint, and searching.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { contentFromBlocks } from '../../electron/services/sample-plan';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../electron/services/store/database';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import { summarise, time, type BenchRow } from './measure';
import { planBlocks, planCommitment, planSentence, seededRandom } from './plan-text';

export const PLAN_SHAPE = { topLevel: 12, childrenEach: 4, words: 300_000, commitments: 400, comments: 300, longSectionWords: 10_000 };
const TARGETS = { outlineMs: 200, saveMs: 5, searchMs: 20 };
const SAVE_RUNS = 200;
const SAVE_WARMUP = 3;
/** SQLite's own default, against which the app's larger autocheckpoint is measured. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
const SEARCHES = ['virtual ward', 'mental health', 'emergen', 'workforce retention', 'Silverbrook', 'dementia diagnosis'];

export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodResult<M>>;

export function caller(services: () => AppServices): Call {
  return async (method, input) => {
    const outcome = await services().dispatch(method, input);
    if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
    return outcome.value as never;
  };
}

/** Word counts for the sections: the first is the 10,000-word one, the rest vary around the mean. */
function sectionSizes(count: number, total: number, random: () => number): number[] {
  const rest = total - PLAN_SHAPE.longSectionWords;
  const weights = Array.from({ length: count - 1 }, () => 0.15 + random() * 1.7);
  const sum = weights.reduce((a, b) => a + b, 0);
  return [PLAN_SHAPE.longSectionWords, ...weights.map((w) => Math.round((w / sum) * rest))];
}

export async function buildLargePlan(call: Call, random: () => number) {
  const plan = await call('createPlan', { title: 'Benchmark plan', icbName: 'NHS Benchmark ICB', startYear: 2026, templateId: 'blank' });
  const sizes = sectionSizes(PLAN_SHAPE.topLevel * (1 + PLAN_SHAPE.childrenEach), PLAN_SHAPE.words, random);
  const sectionIds: string[] = [];
  const addWithText = async (parentId: string | null, title: string) => {
    const section = await call('addSection', { planId: plan.id, parentId, title });
    const content = contentFromBlocks(planBlocks(sizes[sectionIds.length]!, random));
    await call('saveSectionContent', { sectionId: section.id, revision: section.revision, content });
    sectionIds.push(section.id);
    return section.id;
  };
  for (let t = 0; t < PLAN_SHAPE.topLevel; t++) {
    const parent = await addWithText(null, `Priority ${t + 1}`);
    for (let c = 0; c < PLAN_SHAPE.childrenEach; c++) await addWithText(parent, `Priority ${t + 1}, part ${c + 1}`);
  }
  for (let i = 0; i < PLAN_SHAPE.commitments; i++) {
    await call('addCommitment', {
      planId: plan.id,
      fields: {
        sectionId: sectionIds[Math.floor(random() * sectionIds.length)]!,
        ...planCommitment(random, i),
      },
    });
  }
  const reviewer = await call('addStakeholder', { planId: plan.id, name: 'Bench Reviewer', organisation: 'Healthwatch Bench', orgType: 'healthwatch', email: '' });
  for (let i = 0; i < PLAN_SHAPE.comments; i++) {
    await call('createThread', {
      planId: plan.id,
      sectionId: sectionIds[i % sectionIds.length]!,
      stakeholderId: reviewer.id,
      body: `${planSentence(random)} ${planSentence(random)}`,
      quote: '',
    });
  }
  return { planId: plan.id, longSectionId: sectionIds[0]! };
}

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-bench-'));
  const dbPath = path.join(dir, 'bench.db');
  let services = startServices(dbPath);
  const call = caller(() => services);
  const random = seededRandom(2026);
  try {
    const built = performance.now();
    const { planId, longSectionId } = await buildLargePlan(call, random);
    const plan = await call('getPlan', { planId });
    const buildMs = performance.now() - built;
    const shape = `${plan.sectionCount} sections, ${plan.wordCount.toLocaleString('en-GB')} words, ${PLAN_SHAPE.commitments} commitments`;

    // Opening straight after the app starts: a fresh connection, nothing prepared yet.
    services.close();
    const coldStart = performance.now();
    services = startServices(dbPath);
    await call('getPlan', { planId });
    await call('listSections', { planId });
    const coldMs = performance.now() - coldStart;

    const outline = await time(async () => {
      await call('getPlan', { planId });
      await call('listSections', { planId });
    }, 50);

    const longBlocks = planBlocks(PLAN_SHAPE.longSectionWords, seededRandom(7));
    const edits = Array.from({ length: SAVE_RUNS + SAVE_WARMUP }, (_, i) => contentFromBlocks([...longBlocks, `Edit number ${i} of this section.`]));
    // The same save under each setting, on its own copy of the plan database, taken in turns so that
    // whatever else the machine is doing falls on all of them alike (docs/storage.md says why NORMAL).
    services.close();
    const settings = [
      { name: 'app', pragmas: [] as string[] },
      { name: 'full', pragmas: ['synchronous = FULL'] },
      { name: 'sqlite-checkpoint', pragmas: [`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`] },
    ].map((setting) => {
      const file = setting.name === 'app' ? dbPath : path.join(dir, `bench-${setting.name}.db`);
      if (file !== dbPath) fs.copyFileSync(dbPath, file);
      const own = startServices(file);
      for (const pragma of setting.pragmas) own.store.db.pragma(pragma);
      return { ...setting, services: own, call: caller(() => own), revision: 0, times: [] as number[] };
    });
    for (const setting of settings) setting.revision = (await setting.call('getSection', { sectionId: longSectionId })).revision;
    for (let i = 0; i < SAVE_WARMUP + SAVE_RUNS; i++) {
      // Whoever goes first in a round measured slower (the same edit, not yet seen), so each goes first in turn.
      for (const setting of [...settings.slice(i % settings.length), ...settings.slice(0, i % settings.length)]) {
        const started = performance.now();
        setting.revision = (await setting.call('saveSectionContent', { sectionId: longSectionId, revision: setting.revision, content: edits[i]! })).revision;
        if (i >= SAVE_WARMUP) setting.times.push(performance.now() - started);
      }
    }
    for (const setting of settings) setting.services.close();
    const [savesNormal, savesFull, savesSqliteCheckpoint] = settings.map((setting) => setting.times) as [number[], number[], number[]];
    services = startServices(dbPath);
    const savedWords = (await call('getSection', { sectionId: longSectionId })).wordCount;

    const searches: BenchRow[] = [];
    for (const query of SEARCHES) {
      let hits = 0;
      const times = await time(async () => {
        hits = (await call('search', { planId, query, limit: 30 })).length;
      }, 30);
      searches.push(summarise(`Search "${query}"`, times, TARGETS.searchMs, `${hits} results shown`));
    }

    return [
      { measure: 'Build the benchmark plan (setup, not a target)', value: buildMs, detail: shape },
      { measure: 'Open a plan right after start-up (cold)', value: coldMs, detail: 'new connection: getPlan + listSections' },
      summarise('Open a plan and build its outline', outline, TARGETS.outlineMs, 'getPlan + listSections, 50 runs'),
      summarise(
        `Save a ${savedWords.toLocaleString('en-GB')}-word section`,
        savesNormal,
        TARGETS.saveMs,
        `saveSectionContent incl. full-text index, ${SAVE_RUNS} runs; WAL synchronous=NORMAL (the app's), wal_autocheckpoint=${WAL_AUTOCHECKPOINT_PAGES}`,
      ),
      summarise('  the same save with synchronous=FULL', savesFull, undefined, 'the same runs, in turn with the others: what NORMAL is chosen against'),
      summarise(
        `  the same save with SQLite's wal_autocheckpoint=${SQLITE_AUTOCHECKPOINT_PAGES}`,
        savesSqliteCheckpoint,
        undefined,
        `the same runs, in turn: synchronous=NORMAL, checkpoints ${WAL_AUTOCHECKPOINT_PAGES / SQLITE_AUTOCHECKPOINT_PAGES}x as often`,
      ),
      ...searches,
    ];
  } finally {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
