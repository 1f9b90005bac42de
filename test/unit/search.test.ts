// One search box across a plan: section titles and text, delivery commitments
// and reviewers' comments, with highlighted snippets. Whatever is typed is
// searched for as words; it never breaks the search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { matchExpression, snippetParts } from '../../electron/services/store/search';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import type { SearchHit } from '../../shared/domain';
import { contentFromParagraphs } from '../../shared/lexical-json';

let dir: string;
let services: AppServices;
let planId: string;
const ids: Record<string, string> = {};

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

const search = (query: string, limit?: number) => ok('search', { planId, query, ...(limit ? { limit } : {}) });
const shown = (hit: SearchHit) => hit.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');
const summary = (hits: SearchHit[]) => hits.map((h) => `${h.kind}:${h.sectionTitle}:${h.field}`);

async function addSection(title: string, paragraphs: string[], parentId: string | null = null): Promise<string> {
  const section = await ok('addSection', { planId, parentId, title });
  if (paragraphs.length) await ok('saveSectionContent', { sectionId: section.id, revision: 1, content: contentFromParagraphs(paragraphs) });
  return section.id;
}

function addComment(sectionId: string | null, body: string, response = ''): string {
  const id = `comment-${Object.keys(ids).length}`;
  const at = new Date().toISOString();
  services.store.db
    .prepare(`INSERT INTO comments (id, plan_id, section_id, thread_id, body, response, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(id, planId, sectionId, id, body, response, at, at);
  return id;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-search-'));
  services = startServices(path.join(dir, 'jfp.db'));
  planId = (await ok('createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  ids.intro = await addSection('Introduction', ['Welcome to our plan for the next five years.']);
  const filler = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} about community services and prevention.`);
  ids.urgent = await addSection('Urgent and emergency care', [
    ...filler,
    'We will open two more same day emergency care units and expand virtual wards across Westmere.',
  ]);
  ids.ageWell = await addSection('Age well', ['Falls prevention classes in every neighbourhood, and a Café for carers.']);
  ids.finance = await addSection('Finance', ['The budget is unbalanced. <script>alert(1)</script> is not a risk.']);
  ids.arabic = await addSection('Community languages', ['Leaflets in Arabic: مرحبا بالعالم, and in Polish.']);
  ids.commitment = (
    await ok('addCommitment', {
      planId,
      fields: {
        sectionId: ids.urgent,
        priority: 'Age well',
        commitment: 'Expand virtual wards for frailty',
        metric: 'Virtual ward beds per 100,000',
        target: '45',
        leadOrg: 'Community trust',
      },
    })
  ).id;
  ids.unlinked = (await ok('addCommitment', { planId, fields: { commitment: 'Dementia diagnosis rate of two thirds', sectionId: null } })).id;
  ids.comment = addComment(ids.ageWell, 'Please add something about hearing loss and loneliness.', 'Added to the dementia paragraph.');
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('searching a plan', () => {
  it('finds a word in section titles, with the title highlighted', async () => {
    const hits = await search('introduction');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'section', id: ids.intro, sectionId: ids.intro, sectionTitle: 'Introduction', field: 'title' });
    expect(hits[0]!.snippet).toEqual([{ text: 'Introduction', match: true }]);
  });

  it('finds words in section text and shows the words around them', async () => {
    const [hit] = await search('hearing');
    expect(hit).toMatchObject({ kind: 'comment', id: ids.comment, sectionId: ids.ageWell, sectionTitle: 'Age well' });
    const [wards, ...rest] = await search('same day emergency');
    expect(rest).toEqual([]);
    expect(wards).toMatchObject({ kind: 'section', id: ids.urgent, field: 'body' });
    expect(shown(wards!)).toMatch(/open two more \[same\] \[day\] \[emergency\] care units/);
    expect(shown(wards!).startsWith('…')).toBe(true);
  });

  it('finds commitments, opening their linked section (or none)', async () => {
    const hits = await search('frailty');
    expect(hits).toEqual([
      { kind: 'commitment', id: ids.commitment, sectionId: ids.urgent, sectionTitle: 'Urgent and emergency care', field: 'body', snippet: expect.any(Array) },
    ]);
    expect(shown(hits[0]!)).toContain('Expand virtual wards for [frailty]');
    const [unlinked] = await search('dementia diagnosis');
    expect(unlinked).toMatchObject({ kind: 'commitment', id: ids.unlinked, sectionId: null, sectionTitle: '' });
  });

  it("finds reviewers' comments and the responses to them", async () => {
    const hits = await search('dementia paragraph');
    expect(hits.map((h) => [h.kind, h.id, h.sectionId])).toEqual([['comment', ids.comment, ids.ageWell]]);
    expect(shown(hits[0]!)).toContain('Added to the [dementia] [paragraph]');
  });

  it('matches the last word as the start of a word, so results appear while typing', async () => {
    const hits = await search('emergen');
    expect(summary(hits)).toEqual(['section:Urgent and emergency care:body']);
    expect(hits[0]!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['emergency']);
    expect(summary(await search('virtual wa')).sort()).toEqual(['commitment:Urgent and emergency care:body', 'section:Urgent and emergency care:body']);
    // Only the last word is a prefix: "virt wards" does not match "virtual".
    expect(await search('virt wards')).toEqual([]);
  });

  it('needs every word to match, ignoring case and accents', async () => {
    expect(await search('virtual zebra')).toEqual([]);
    expect(summary(await search('CAFE carers'))).toEqual(['section:Age well:body']);
    expect(summary(await search('مرحبا'))).toEqual(['section:Community languages:body']);
  });

  it('ranks a title match above a passing mention in the text', async () => {
    await addSection('Notes', ['The finance team reviewed this.']);
    expect(summary(await search('finance')).slice(0, 2)).toEqual(['section:Finance:title', 'section:Notes:body']);
  });

  it('returns at most the number of results asked for', async () => {
    for (let i = 0; i < 5; i++) await addSection(`Neighbourhood ${i}`, ['Neighbourhood teams.']);
    expect(await search('neighbourhood', 3)).toHaveLength(3);
  });

  it('searches only the plan asked about', async () => {
    const other = await ok('createPlan', { title: 'Other plan', icbName: 'NHS Other ICB', startYear: 2026, templateId: 'blank' });
    const theirs = await ok('addSection', { planId: other.id, parentId: null, title: 'Introduction' });
    const hits = await search('introduction');
    expect(hits.map((h) => h.id)).toEqual([ids.intro]);
    expect((await ok('search', { planId: other.id, query: 'introduction' })).map((h) => h.id)).toEqual([theirs.id]);
  });

  it('leaves out deleted sections and their comments, and brings them back on undo', async () => {
    await ok('deleteSection', { sectionId: ids.ageWell! });
    expect(await search('falls')).toEqual([]);
    expect(await search('hearing')).toEqual([]);
    await ok('restoreSection', { sectionId: ids.ageWell! });
    expect(summary(await search('falls'))).toEqual(['section:Age well:body']);
  });

  it('keeps a commitment whose linked section was deleted, opening no section', async () => {
    await ok('deleteSection', { sectionId: ids.urgent! });
    const hits = await search('frailty');
    expect(hits).toEqual([expect.objectContaining({ kind: 'commitment', id: ids.commitment, sectionId: null, sectionTitle: '' })]);
  });

  it('finds text saved since the last search, and forgets replaced text', async () => {
    const section = await ok('getSection', { sectionId: ids.intro! });
    await ok('saveSectionContent', { sectionId: ids.intro!, revision: section.revision, content: contentFromParagraphs(['Hospital at home is growing.']) });
    expect(summary(await search('hospital home'))).toEqual(['section:Introduction:body']);
    expect(await search('welcome')).toEqual([]);
    await ok('renameSection', { sectionId: ids.intro!, title: 'Foreword' });
    expect(summary(await search('foreword'))).toEqual(['section:Foreword:title']);
  });

  it('shows text exactly as written, never as markup', async () => {
    const [hit] = await search('alert');
    expect(hit!.snippet).toEqual([
      { text: 'The budget is unbalanced. <script>', match: false },
      { text: 'alert', match: true },
      { text: '(1)</script> is not a risk.', match: false },
    ]);
  });

  it('finds nothing for an empty query', async () => {
    expect(await search('')).toEqual([]);
    expect(await search('   ')).toEqual([]);
  });

  it('refuses to search a plan that does not exist', async () => {
    const outcome = await services.dispatch('search', { planId: 'no-such-plan', query: 'care' });
    expect(outcome).toEqual({ ok: false, error: { code: 'not_found', message: 'That plan could not be found. It may have been deleted.' } });
  });
});

describe('what people type into the search box', () => {
  const hostile: Array<[string, string[]]> = [
    ['"', []],
    ['*', []],
    ['NEAR(', []],
    ['(((', []],
    [')', []],
    ['a OR', []],
    ['care OR', []],
    ['care AND NOT', []],
    ['title:x', []],
    ['body:falls', []],
    ['-', []],
    ['- falls', ['section:Age well:body']],
    ['^falls', ['section:Age well:body']],
    ['"unbalanced', ['section:Finance:body']],
    ['"falls prevention"', ['section:Age well:body']],
    ['falls"', ['section:Age well:body']],
    ['{title body}: falls', []],
    ['NEAR(falls prevention, 2)', []],
    ['👩🏽‍⚕️🏥', []],
    ['مرحبا بالعالم', ['section:Community languages:body']],
    ['ⓐ', []],
    ['\u0000\u0002\u0003', []],
    ["it's", []],
    ['x'.repeat(500), []],
  ];

  it.each(hostile)('%j never fails and is searched as words', async (query, expected) => {
    const outcome = await services.dispatch('search', { planId, query });
    expect(outcome.ok).toBe(true);
    expect(summary(outcome.ok ? (outcome.value as SearchHit[]) : [])).toEqual(expected);
  });

  it('quotes every word for the full-text index and makes the last a prefix', () => {
    expect(matchExpression('virtual wa')).toBe('"virtual" AND "wa"*');
    expect(matchExpression('say "hi" NEAR(')).toBe('"say" AND """hi""" AND "NEAR("*');
    expect(matchExpression('* - (( "')).toBeNull();
  });

  it('splits marked snippets into plain parts', () => {
    expect(snippetParts('…the \u0002virtual\u0003 \u0002wards\u0003\nacross…')).toEqual([
      { text: '…the ', match: false },
      { text: 'virtual', match: true },
      { text: ' ', match: false },
      { text: 'wards', match: true },
      { text: ' across…', match: false },
    ]);
  });
});
