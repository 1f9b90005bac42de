// #13 identity: the app user's own comments, replies, responses and resolutions
// are theirs (credited to the profile, "by you"); a comment received by letter or
// e-mail is entered for a reviewer, and is credited to that reviewer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';

let dir: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-identity-'));
  services = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function plan() {
  const created = await ok('createPlan', { title: 'Identity plan', icbName: 'NHS Northmoor ICB', startYear: 2026, templateId: 'blank' });
  const section = await ok('addSection', { planId: created.id, parentId: null, title: 'Start well' });
  return { planId: created.id, sectionId: section.id };
}

it('asks for a profile before the user comments in their own name, then credits the comment, reply, response and resolution to them', async () => {
  const { planId, sectionId } = await plan();
  const refused = await services.dispatch('createThread', { planId, sectionId, body: 'Is this funded?', quote: '' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toMatch(/Your profile/);

  await ok('saveProfile', { name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Northmoor ICB', email: 'priya.shah@nhs.net' });
  const healthwatch = await ok('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Northmoor', orgType: 'healthwatch', email: '' });
  // A letter from Healthwatch, entered by the author for the reviewer.
  const thread = await ok('createThread', { planId, sectionId, stakeholderId: healthwatch.id, body: 'Say how carers are involved.', quote: '' });
  const replied = await ok('replyToThread', { threadId: thread.id, body: 'We have added the carers strategy.' });
  expect(replied.comments.map((c) => [c.authorName, c.organisation, c.byYou])).toEqual([
    ['Asha Patel', 'Healthwatch Northmoor', false],
    ['Priya Shah', 'NHS Northmoor ICB', true],
  ]);
  const responded = await ok('respondToThread', { threadId: thread.id, response: 'Section 3 now names the carers strategy.' });
  expect(responded.respondedBy).toBe('Priya Shah (Head of Strategy, NHS Northmoor ICB)');
  const resolved = await ok('setThreadStatus', { threadId: thread.id, status: 'resolved' });
  expect(resolved.resolvedBy).toBe('Priya Shah (Head of Strategy, NHS Northmoor ICB)');
  expect(resolved.resolvedAt).not.toBe('');

  // The user's own comment; the register lists reviewers only, not the user.
  const own = await ok('createThread', { planId, sectionId, body: 'Check the 2028 figure.', quote: '' });
  expect(own.comments[0]).toMatchObject({ authorName: 'Priya Shah', byYou: true });
  expect((await ok('listStakeholders', { planId })).map((s) => s.name)).toEqual(['Asha Patel']);

  // A changed profile names the user's later comments by the new name.
  await ok('saveProfile', { name: 'Priya Shah-Khan', role: 'Director of Strategy', organisation: 'NHS Northmoor ICB', email: '' });
  const later = await ok('replyToThread', { threadId: own.id, body: 'Done.' });
  expect(later.comments.every((c) => c.byYou)).toBe(true);
  expect(later.comments[1]!.authorName).toBe('Priya Shah-Khan');
});

it('removes a reviewer with no comments, and keeps one with comments with a sentence saying why', async () => {
  const { planId, sectionId } = await plan();
  const unused = await ok('addStakeholder', { planId, name: 'Tom Reed', organisation: '', orgType: 'public', email: '' });
  const busy = await ok('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Northmoor', orgType: 'healthwatch', email: '' });
  await ok('createThread', { planId, sectionId, stakeholderId: busy.id, body: 'One.', quote: '' });
  await ok('removeStakeholder', { stakeholderId: unused.id });
  const refused = await services.dispatch('removeStakeholder', { stakeholderId: busy.id });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toBe('Asha Patel has a comment in this plan, so they stay in the register.');
  expect((await ok('listStakeholders', { planId })).map((s) => s.name)).toEqual(['Asha Patel']);
});
