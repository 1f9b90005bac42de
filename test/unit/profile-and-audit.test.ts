// The app's user has a profile (one per database), and each plan keeps an audit
// trail of what happened to it, credited to that profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { signOffWithReasons } from '../support/sign-off';

let dir: string;
let dbPath: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-profile-'));
  dbPath = path.join(dir, 'jfp.db');
  services = startServices(dbPath);
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('has no profile until one is saved; the saved profile is in the database and survives a restart', async () => {
  expect(await ok('getProfile', {})).toBeNull();
  const saved = await ok('saveProfile', { name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Northmoor ICB', email: 'priya.shah@nhs.net' });
  expect(saved).toMatchObject({ name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Northmoor ICB', email: 'priya.shah@nhs.net' });
  await ok('saveProfile', { name: 'Priya Shah', role: 'Director of Strategy', organisation: 'NHS Northmoor ICB', email: '' });

  services.close();
  const db = new Database(dbPath, { readonly: true });
  expect(db.prepare('SELECT name, role, email FROM user_profile').all()).toEqual([{ name: 'Priya Shah', role: 'Director of Strategy', email: '' }]);
  db.close();
  services = startServices(dbPath);
  expect(await ok('getProfile', {})).toMatchObject({ role: 'Director of Strategy' });
});

it('refuses a profile with no name, a control character or a malformed e-mail, and keeps the saved one', async () => {
  await ok('saveProfile', { name: 'Priya Shah', role: '', organisation: '', email: '' });
  for (const input of [
    { name: '  ', role: '', organisation: '', email: '' },
    { name: 'Priya\nShah', role: '', organisation: '', email: '' },
    { name: 'Priya', role: '', organisation: '', email: 'not an address' },
  ]) {
    const outcome = await services.dispatch('saveProfile', input);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/name|line breaks|email address/i);
  }
  expect((await ok('getProfile', {}))?.name).toBe('Priya Shah');
});

it('records creation, status changes and signing off as final in the plan’s trail, newest first, credited to the profile', async () => {
  const plan = await ok('createPlan', { title: 'Audit plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  await ok('saveProfile', { name: 'Sam Lee', role: 'Planning Manager', organisation: 'NHS Test ICB', email: '' });
  const section = await ok('addSection', { planId: plan.id, parentId: null, title: 'Our priorities' });
  await ok('updateSectionMeta', { sectionId: section.id, status: 'in_review' });
  // The same status again, and an owner change: nothing new in the trail.
  await ok('updateSectionMeta', { sectionId: section.id, status: 'in_review', owner: 'Sam' });
  await signOffWithReasons(services, plan.id);

  const events = await ok('listPlanEvents', { planId: plan.id });
  // #16 versions: signing off as final also takes a version automatically.
  expect(events.map((e) => e.kind)).toEqual(['version_saved', 'signed_off', 'status_changed', 'plan_created']);
  expect(events[2]).toMatchObject({ actor: 'Sam Lee (Planning Manager, NHS Test ICB)', detail: { sectionId: section.id, from: 'not_started', to: 'in_review' } });
  expect(events[2]!.summary).toBe('“Our priorities” moved from Not started to In review.');
  // Before the profile was saved, the creation is credited to the app's user, said as such.
  expect(events[3]!.actor).toBe("The app's user (no profile set)");

  // Deleting the plan deletes its trail.
  await ok('deletePlan', { planId: plan.id });
  services.close();
  const db = new Database(dbPath, { readonly: true });
  expect(db.prepare('SELECT count(*) AS n FROM plan_events').get()).toEqual({ n: 0 });
  db.close();
  services = startServices(dbPath);
});
