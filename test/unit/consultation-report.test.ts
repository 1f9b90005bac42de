// The consultation report: every thread, who made it, and the response, as a
// Word table with a repeating header row that passes the accessibility check.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { checkAccessibility } from '../../electron/services/export/a11y-check';
import { consultationReport } from '../../electron/services/review/review-files';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import { readDocx, textOf, wElements } from '../support/docx-reader';

let dir: string;
let app: AppServices;

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const outcome = await app.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.value as MethodResult<M>;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-report-'));
  app = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the consultation report', () => {
  it('lists every thread with section, stakeholder, organisation type, comment, response and status', async () => {
    const plan = await call('createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const section = await call('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
    const asha = await call('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
    const sam = await call('addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
    const thread = await call('createThread', {
      planId: plan.id,
      sectionId: section.id,
      stakeholderId: asha.id,
      body: 'Add the baseline <script>x</script>.',
      quote: '',
    });
    await call('replyToThread', { threadId: thread.id, stakeholderId: sam.id, body: 'Will do.' });
    await call('respondToThread', { threadId: thread.id, response: 'We added the 2024/25 baseline.' });
    await call('setThreadStatus', { threadId: thread.id, status: 'resolved' });
    await call('createThread', { planId: plan.id, sectionId: section.id, stakeholderId: sam.id, body: 'Shorter please.', quote: '' });

    const bytes = await consultationReport(app.store, plan.id);
    expect(checkAccessibility(bytes)).toEqual({ ok: true, problems: [] });
    const docx = readDocx(bytes);
    const [table] = wElements(docx.xml(docx.mainDocument()), 'tbl');
    const rows = wElements(table!, 'tr').map((tr) => wElements(tr, 'tc').map((tc) => textOf(tc)));
    expect(rows[0]).toEqual(['Section', 'Stakeholder', 'Organisation type', 'You said', 'We did', 'Status']);
    expect(rows[1]).toEqual([
      'Start well',
      'Asha Patel, Healthwatch Test',
      'Healthwatch',
      'Add the baseline <script>x</script>.Sam Jones: Will do.',
      'We added the 2024/25 baseline.',
      'Resolved',
    ]);
    expect(rows[2]).toEqual(['Start well', 'Sam Jones, NHS Test ICB', 'ICB', 'Shorter please.', 'Response to follow.', 'Open']);
    expect(wElements(table!, 'tblHeader')).toHaveLength(1);
  });
});
