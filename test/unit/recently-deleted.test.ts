// #12: deleted sections are kept in the plan database as a "Recently deleted"
// list, one entry per deletion, and can be restored after the app restarts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';

let dir: string;
let dbPath: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-deleted-'));
  dbPath = path.join(dir, 'jfp.db');
  services = startServices(dbPath);
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('lists each deletion once, newest first, with the subsections that went with it, and restores after a restart', async () => {
  const plan = await ok('createPlan', { title: 'Deleted plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const other = await ok('createPlan', { title: 'Other plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const a = await ok('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
  const a1 = await ok('addSection', { planId: plan.id, parentId: a.id, title: 'Maternity' });
  await ok('addSection', { planId: plan.id, parentId: a1.id, title: 'Neonatal' });
  const b = await ok('addSection', { planId: plan.id, parentId: null, title: 'Finance' });
  const c = await ok('addSection', { planId: other.id, parentId: null, title: 'Elsewhere' });
  expect(await ok('listDeletedSections', { planId: plan.id })).toEqual([]);

  await ok('deleteSection', { sectionId: a.id });
  // Deleted later, at a different moment.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await ok('deleteSection', { sectionId: b.id });
  await ok('deleteSection', { sectionId: c.id });

  const listed = await ok('listDeletedSections', { planId: plan.id });
  expect(listed.map((d) => [d.title, d.subsectionCount])).toEqual([
    ['Finance', 0],
    ['Start well', 2],
  ]);
  expect(Date.parse(listed[0]!.deletedAt)).toBeGreaterThan(0);

  // A restart: the list is in the database, not in the page.
  services.close();
  services = startServices(dbPath);
  expect((await ok('listDeletedSections', { planId: plan.id })).map((d) => d.title)).toEqual(['Finance', 'Start well']);
  const restored = await ok('restoreSection', { sectionId: a.id });
  expect(restored.map((s) => `${s.depth}:${s.title}`)).toEqual(['1:Start well', '2:Maternity', '3:Neonatal']);
  expect((await ok('listDeletedSections', { planId: plan.id })).map((d) => d.title)).toEqual(['Finance']);
});

it('refuses an unknown plan', async () => {
  const outcome = await services.dispatch('listDeletedSections', { planId: 'no-such-plan' });
  expect(outcome.ok).toBe(false);
});
