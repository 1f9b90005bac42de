// Every text field of the API has a length limit, checked before anything else
// reads the text: a value over the limit is refused with a sentence naming the
// field and its limit, and changes nothing. (How fast a refusal answers is a
// figure in `npm run bench -- inputs`, not a timed test.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { api, METHOD_NAMES, type MethodInput, type MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { databaseRows } from '../support/db-snapshot';
import type { Plan } from '../../shared/domain';
import { boundedText, looksLikeEmail } from '../../shared/limits';

let dir: string;
let services: AppServices;
let plan: Plan;

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

async function refusal(method: MethodName, input: unknown) {
  const outcome = await services.dispatch(method, structuredClone(input));
  if (outcome.ok) throw new Error(`${method} unexpectedly succeeded`);
  return outcome.error;
}

/** Every row a refused call could have touched. */
const snapshot = () => databaseRows(services.store.db);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-limits-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await ok('createPlan', { title: 'Joint Forward Plan 2027/28 to 2031/32', icbName: 'NHS Test ICB', startYear: 2027, templateId: 'blank' });
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const long = (n: number, unit = 'a') => unit.repeat(n);

describe('text fields over their limit', () => {
  it('refuses a 100,000-character email address with the length sentence, adding no reviewer', async () => {
    const before = snapshot();
    const email = `${long(50_000, 'a.')}@example.org`;
    expect(await refusal('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch', orgType: 'healthwatch', email })).toEqual({
      code: 'invalid_input',
      message: 'The email address must be 254 characters or fewer.',
    });
    expect(snapshot()).toEqual(before);
    expect(await ok('listStakeholders', { planId: plan.id })).toEqual([]);
  });

  it('still checks the shape of an email address of a sensible length', async () => {
    const add = (email: string) => services.dispatch('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: '', orgType: 'healthwatch', email });
    expect(await add('asha.patel@nhs.net')).toMatchObject({ ok: true });
    expect(await add('asha patel@nhs.net')).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Enter an email address like name@example.org, or leave it empty.' },
    });
  });

  it.each<[string, MethodName, (planId: string) => unknown, string]>([
    ['a plan title', 'createPlan', () => ({ title: long(201), icbName: 'NHS Test ICB', startYear: 2027 }), 'The plan title must be 200 characters or fewer.'],
    ['an ICB name', 'createPlan', () => ({ title: 'Plan', icbName: long(201), startYear: 2027 }), 'The ICB name must be 200 characters or fewer.'],
    [
      'a partner trust',
      'createPlan',
      () => ({ title: 'Plan', icbName: 'NHS Test ICB', startYear: 2027, partnerTrusts: [long(100_000)] }),
      'A partner trust name must be 200 characters or fewer.',
    ],
    ['a place', 'updatePlan', (planId) => ({ planId, revision: 1, places: ['Fellside', long(201)] }), 'A place name must be 200 characters or fewer.'],
    ['a section title', 'addSection', (planId) => ({ planId, parentId: null, title: long(100_000) }), 'The section title must be 200 characters or fewer.'],
    [
      'a reviewer’s name',
      'addStakeholder',
      (planId) => ({ planId, name: long(201), organisation: '', orgType: 'vcse', email: '' }),
      "The reviewer's name must be 200 characters or fewer.",
    ],
    [
      'an organisation',
      'addStakeholder',
      (planId) => ({ planId, name: 'Ben', organisation: long(201), orgType: 'vcse', email: '' }),
      'The organisation must be 200 characters or fewer.',
    ],
    ['a guidance year', 'addCommitment', (planId) => ({ planId, fields: { guidanceYear: long(41) } }), 'The guidance year must be 40 characters or fewer.'],
    ['a lead organisation', 'addCommitment', (planId) => ({ planId, fields: { leadOrg: long(2001) } }), 'The lead organisation must be 2,000 characters or fewer.'],
    [
      'an HWB opinion',
      'saveHwbOpinion',
      (planId) => ({ planId, board: 'Fellside', receivedOn: null, opinion: long(20_001), takesProperAccount: 'yes' }),
      'An opinion must be 20,000 characters or fewer.',
    ],
    [
      'an HWB board name',
      'saveHwbOpinion',
      (planId) => ({ planId, board: long(201), receivedOn: null, opinion: '', takesProperAccount: 'yes' }),
      "The board's name must be 200 characters or fewer.",
    ],
    [
      'a date received',
      'saveHwbOpinion',
      (planId) => ({ planId, board: 'Fellside', receivedOn: long(100_000, '2'), opinion: '', takesProperAccount: 'yes' }),
      'The date received must be 10 characters or fewer.',
    ],
    ['a search', 'search', (planId) => ({ planId, query: long(100_000) }), 'Search for at most 500 characters.'],
    ['an id', 'getPlan', () => ({ planId: long(100_000) }), 'An id must be 64 characters or fewer.'],
    ['a cover sheet entry', 'saveExportSettings', (planId) => ({ planId, cover: { purpose: long(20_001) } }), 'A cover sheet entry must be 20,000 characters or fewer.'],
    ['a house colour', 'saveExportSettings', (planId) => ({ planId, houseStyle: { headingColour: long(100_000, '0') } }), 'A colour must be 7 characters or fewer.'],
    [
      'a logo’s alt text',
      'saveExportSettings',
      (planId) => ({ planId, houseStyle: { logo: { pngBase64: 'iVBORw0KGgo', altText: long(251), widthCm: 3 } } }),
      "The logo's alt text must be 250 characters or fewer.",
    ],
    ['a section’s owner', 'updateSectionMeta', () => ({ sectionId: 'any', owner: long(121) }), 'The owner must be 120 characters or fewer.'],
  ])('refuses %s over its limit with a sentence naming the field and the limit', async (_what, method, input, message) => {
    const before = snapshot();
    expect(await refusal(method, input(plan.id))).toEqual({ code: 'invalid_input', message });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a comment or a quote over its limit without saving the thread', async () => {
    const asha = await ok('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: '', orgType: 'healthwatch', email: '' });
    const thread = { planId: plan.id, sectionId: null, stakeholderId: asha.id, body: 'Fine', quote: '' };
    expect((await refusal('createThread', { ...thread, body: long(20_001) })).message).toMatch(/^A comment must be 20,000 characters or fewer\./);
    expect((await refusal('createThread', { ...thread, quote: long(2001) })).message).toBe('The quoted text must be 2,000 characters or fewer.');
    expect(await ok('listThreads', { planId: plan.id })).toEqual([]);
  });
});

describe('how text fields are checked', () => {
  it('never runs a later check (a pattern) on text over the limit', () => {
    const seen: number[] = [];
    const field = boundedText('The test field', 10).refine((v) => {
      seen.push(v.length);
      return true;
    });
    expect(field.safeParse('x'.repeat(11)).error?.issues.map((i) => i.message)).toEqual(['The test field must be 10 characters or fewer.']);
    expect(field.safeParse('x'.repeat(10)).success).toBe(true);
    expect(seen).toEqual([10]);
  });

  it.each([
    ['name@example.org', true],
    ['first.last@nhs.net', true],
    ['a@b.co', true],
    ['', false],
    ['name', false],
    ['@example.org', false],
    ['name@', false],
    ['name@example', false],
    ['name@.org', false],
    ['name@example.', false],
    ['two@at@example.org', false],
    ['with space@example.org', false],
    ['tab\t@example.org', false],
  ])('reads %j as an email address: %s', (email, expected) => {
    expect(looksLikeEmail(email)).toBe(expected);
  });

  it('gives every text field of every method a length limit', () => {
    const unbounded: string[] = [];
    const checked: string[] = [];
    const walk = (schema: z.ZodType, where: string): void => {
      const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
      switch (def.type) {
        case 'string':
          checked.push(where);
          if ((schema as z.ZodString).maxLength === null) unbounded.push(where);
          return;
        case 'object':
          for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(child, `${where}.${key}`);
          return;
        case 'array':
          return walk(def.element as z.ZodType, `${where}[]`);
        case 'record':
          walk(def.keyType as z.ZodType, `${where}{key}`);
          return walk(def.valueType as z.ZodType, `${where}{}`);
        case 'tuple':
          return (def.items as z.ZodType[]).forEach((item, i) => walk(item, `${where}[${i}]`));
        case 'pipe':
          walk(def.in as z.ZodType, where);
          return walk(def.out as z.ZodType, where);
        case 'optional':
        case 'nullable':
        case 'default':
        case 'prefault':
        case 'readonly':
          return walk(def.innerType as z.ZodType, where);
        default:
          return;
      }
    };
    for (const method of METHOD_NAMES) walk(api[method].input, method);
    expect(unbounded).toEqual([]);
    // The walk reaches nested fields, not only the top level.
    expect(checked).toEqual(
      expect.arrayContaining(['addStakeholder.email', 'createPlan.partnerTrusts[]', 'saveExportSettings.cover{key}', 'saveExportSettings.houseStyle.logo.altText']),
    );
  });
});
