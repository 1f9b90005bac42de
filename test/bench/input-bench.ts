// How fast hostile input is refused, through the same dispatcher and readers
// the app uses: a text field far over its limit (the 100,000-character email
// that once blocked the main process for 20 s), a review pack with a
// 1,000-deep outline, and a small .docx whose parts would inflate to 190 MB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServices } from '../../electron/services/app-services';
import { parseReviewFile } from '../../electron/services/review/review-pack';
import { importWordComments } from '../../electron/services/review/word-import';
import { reviewPackSchema } from '../../shared/review-pack';
import { hostileZip, W_NS, wordShell } from '../support/hostile-zip';
import { summarise, time, type BenchRow } from './measure';

const TARGETS = { fieldMs: 10, packMs: 50, docxMs: 50 };

async function refused(what: string, attempt: () => unknown): Promise<void> {
  try {
    await attempt();
  } catch {
    return;
  }
  throw new Error(`${what} was accepted`);
}

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-input-bench-'));
  const services = startServices(path.join(dir, 'jfp.db'));
  try {
    const plan = await services.dispatch('createPlan', { title: 'Bench plan', icbName: 'NHS Bench ICB', startYear: 2027, templateId: 'blank' });
    if (!plan.ok) throw new Error(plan.error.message);
    const planId = (plan.value as { id: string }).id;
    const stakeholder = (email: string) => ({ planId, name: 'Asha Patel', organisation: 'Healthwatch', orgType: 'healthwatch', email });
    const emailRefusal = async (email: string) => {
      const outcome = await services.dispatch('addStakeholder', structuredClone(stakeholder(email)));
      if (outcome.ok || outcome.error.code !== 'invalid_input') throw new Error('The long email was not refused as invalid input.');
    };

    const plainEmail = await time(() => emailRefusal(`${'a'.repeat(99_990)}@nhs.net`), 50);
    const backtracking = await time(() => emailRefusal(`a@${'b.'.repeat(50_000)} x`), 50);

    const deepPack = new TextEncoder().encode(
      JSON.stringify({
        format: 'jfp-review-pack',
        version: 1,
        packId: 'pack',
        createdAt: new Date().toISOString(),
        plan: { id: 'plan', title: 'Plan', icbName: 'NHS Bench ICB', startYear: 2027, protectiveMarking: 'OFFICIAL', partnerTrusts: [], places: [] },
        reviewer: { stakeholderId: 'r', name: 'Asha', organisation: '', orgType: 'vcse' },
        sections: Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, parentId: i ? `s${i - 1}` : null, title: `Level ${i + 1}`, content: '{"root":{}}' })),
        comments: [],
      }),
    );
    const pack = await time(() => refused('The 1,000-deep pack', () => parseReviewFile(deepPack, reviewPackSchema, 'review pack')), 30);

    const bomb = await hostileZip([
      ...wordShell({ comments: true }),
      {
        name: 'word/document.xml',
        head: `<w:document xmlns:w="${W_NS}"><w:body>`,
        body: '<w:p/>',
        times: Math.floor((63 * 1048576) / 6),
        tail: '</w:body></w:document>',
      },
      { name: 'word/comments.xml', body: '<w:p/>', times: Math.floor((63 * 1048576) / 6) },
      { name: 'word/commentsExtended.xml', body: '<w:p/>', times: Math.floor((63 * 1048576) / 6) },
    ]);
    const docx = await time(() => refused('The 190 MB .docx', () => importWordComments(services.store, planId, bomb)), 30);

    return [
      summarise('Refuse a 100,000-character email', plainEmail, TARGETS.fieldMs, 'addStakeholder through the dispatcher'),
      summarise('Refuse a 100,003-character email built to backtrack', backtracking, TARGETS.fieldMs, 'the old pattern took 20 s on it'),
      summarise('Refuse a review pack with a 1,000-deep outline', pack, TARGETS.packMs),
      summarise(`Refuse a ${Math.round(bomb.length / 1024)} KB .docx whose parts inflate to 190 MB`, docx, TARGETS.docxMs),
    ];
  } finally {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
