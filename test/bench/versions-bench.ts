// #16 versions on the 300,000-word benchmark plan (store-bench.ts builds it):
// saving a named version (snapshot of every row, JSON, gzip, insert) against
// 300 ms, and comparing two versions (and a version with the current draft)
// against 1 s, with a handful of sections edited in between as a real draft
// round would. Restoring is measured too, without a target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServices } from '../../electron/services/app-services';
import { paragraphNode, textNode, type SerializedNode } from '../../shared/lexical-json';
import { summarise, time, type BenchRow } from './measure';
import { planSentence, seededRandom } from './plan-text';
import { buildLargePlan, caller } from './store-bench';

const TARGETS = { saveMs: 300, compareMs: 1000 };
const SAVE_RUNS = 20;
const COMPARE_RUNS = 10;
const EDITED_SECTIONS = 6;

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-bench-versions-'));
  const services = startServices(path.join(dir, 'bench.db'));
  const call = caller(() => services);
  try {
    const { planId } = await buildLargePlan(call, seededRandom(2026));
    const plan = await call('getPlan', { planId });
    const saves = await time((i) => call('saveVersion', { planId, label: `Bench version ${i}` }), SAVE_RUNS, 2);
    const first = await call('saveVersion', { planId, label: 'Before the edits' });

    // A draft round: in a few sections a paragraph is added in the middle and another one rewritten; one section moved, one renamed.
    const sections = await call('listSections', { planId });
    const random = seededRandom(16);
    for (const summary of sections.slice(1, 1 + EDITED_SECTIONS)) {
      const section = await call('getSection', { sectionId: summary.id });
      const state = JSON.parse(section.content) as { root: SerializedNode };
      const blocks = state.root.children ?? [];
      const middle = Math.floor(blocks.length / 2);
      blocks.splice(middle, 0, paragraphNode([textNode(`${planSentence(random)} ${planSentence(random)}`)]));
      if (blocks[1]) blocks[1] = paragraphNode([textNode(planSentence(random))]);
      await call('saveSectionContent', { sectionId: section.id, revision: section.revision, content: JSON.stringify(state) });
    }
    const top = sections.filter((s) => s.depth === 1);
    await call('moveSection', { sectionId: top[1]!.id, parentId: null, index: top.length - 1 });
    await call('renameSection', { sectionId: top[2]!.id, title: `${top[2]!.title} (renamed)` });
    const second = await call('saveVersion', { planId, label: 'After the edits' });

    let changed = 0;
    const compareTwo = await time(
      async () => {
        changed = (await call('compareVersions', { planId, from: first.id, to: second.id })).sections.length;
      },
      COMPARE_RUNS,
      1,
    );
    const compareCurrent = await time(() => call('compareVersions', { planId, from: first.id, to: 'current' }), COMPARE_RUNS, 1);
    const restores = await time(() => call('restoreVersion', { planId, versionId: first.id }), 5, 1);
    const size = (await call('listVersions', { planId })).versions.find((v) => v.id === first.id)!.size;
    const shape = `${plan.sectionCount} sections, ${plan.wordCount.toLocaleString('en-GB')} words; snapshot ${(size / 1024 / 1024).toFixed(1)} MB gzipped`;
    return [
      summarise('Save a named version of the 300,000-word plan', saves, TARGETS.saveMs, `${SAVE_RUNS} runs; ${shape}`),
      summarise(
        'Compare two versions',
        compareTwo,
        TARGETS.compareMs,
        `${EDITED_SECTIONS} sections edited (a paragraph added, one rewritten), 1 moved, 1 renamed: ${changed} sections reported; word diff by jsdiff`,
      ),
      summarise('Compare a version with the current draft', compareCurrent, TARGETS.compareMs, 'the current side is snapshotted in memory first'),
      summarise('Restore a version (safety version first)', restores, undefined, '5 runs; one store.write'),
    ];
  } finally {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
