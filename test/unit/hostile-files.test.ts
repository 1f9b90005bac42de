// Files from outside, made to hurt: zip bombs (one part, many parts, sizes
// that lie), XXE and billion laughs, XML nested without end or dense with
// elements, truncated and damaged zips, a 200 MB file, forged ids. Each is
// imported as "Import comments…" does, in a process apart from the test's so that
// its peak memory is its own (the refusals one after another in one process that
// resets its peak before each, import-child.ts --serve; each largest accepted file
// in a fresh process), and must be refused with a sentence, in bounded time
// and memory, leaving the database as it was. The largest file that is
// accepted is measured too: no import may take more than MAX_PEAK_MB. The figures are
// printed at the end.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { sectionBookmarkName } from '../../electron/services/export/docx-sections';
import { buildReviewPack } from '../../electron/services/review/review-pack';
import type { ReviewPack } from '../../shared/review-pack';
import { bundleForChild } from '../support/child-bundle';
import { databaseRows } from '../support/db-snapshot';
import { exportedDocx } from '../support/commented-docx';
import { hostileZip, W_NS, wordShell, type HostilePart } from '../support/hostile-zip';

/**
 * The most memory one import may take (peak resident memory of the whole process). Session 19
 * raised it to 330 MB when the process started 35 MB bigger; the cause was the child's ES module
 * bundle, which loaded every package at start (the chart's, the PDF's, Excel's) where the app's
 * CommonJS bundles load them on first use. Bundled as the app is, it starts at about 70 MB again.
 */
const MAX_PEAK_MB = 300;
/** Refusals answer in milliseconds; this only catches a hang or a runaway loop, on a busy machine. */
const MAX_SECONDS = 20;

let dir: string;
let dbPath: string;
let planId: string;
let bookmark: string;
let exported: Uint8Array;
let childScript: string;
let reviewPack: ReviewPack;
let commentsFile: Record<string, unknown> & { comments: Array<Record<string, unknown>> };

interface Figure {
  what: string;
  result: string;
  ms: number;
  peakMB: number;
  baselineMB: number;
}
const figures: Figure[] = [];

interface ChildOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  summary?: { newThreads: number };
  ms: number;
  peakMB: number;
  baselineMB: number;
}

const snapshot = () => databaseRows(dbPath);

function record(what: string, outcome: ChildOutcome): ChildOutcome {
  figures.push({ what, result: outcome.ok ? 'imported' : `refused: ${outcome.message}`, ms: outcome.ms, peakMB: outcome.peakMB, baselineMB: outcome.baselineMB });
  return outcome;
}

/** Imports `file` in a fresh process: the largest accepted files, whose peak must be theirs from the process's start. */
function importInChild(what: string, file: string): ChildOutcome {
  const run = spawnSync(process.execPath, [childScript, dbPath, planId, file], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`The import of ${what} crashed (exit ${run.status}, ${run.signal ?? 'no signal'}): ${run.stderr.slice(0, 2000)}`);
  return record(what, JSON.parse(run.stdout) as ChildOutcome);
}

interface ServedChild {
  child: ChildProcessWithoutNullStreams;
  answers: AsyncIterator<string>;
  stderr: string[];
}
let served: ServedChild | undefined;

/**
 * Imports `file` in the process that answers the refusals one after another (import-child.ts --serve): it
 * resets its peak memory before each file, so the figure is that file's (anything an earlier one left resident
 * can only raise it), without starting a process and loading the services for each (a second or more apiece).
 */
async function importInServedChild(what: string, file: string): Promise<ChildOutcome> {
  if (!served) {
    const child = spawn(process.execPath, ['--expose-gc', childScript, '--serve', dbPath, planId]);
    const stderr: string[] = [];
    child.stderr.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
    served = { child, answers: readline.createInterface({ input: child.stdout })[Symbol.asyncIterator](), stderr };
  }
  const { child, answers, stderr } = served;
  child.stdin.write(`${file}\n`);
  const answer = await answers.next();
  if (answer.done) {
    served = undefined;
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    throw new Error(`The import of ${what} crashed (exit ${child.exitCode}, ${child.signalCode ?? 'no signal'}): ${stderr.join('').slice(0, 2000)}`);
  }
  const outcome = JSON.parse(answer.value) as ChildOutcome & { last: boolean };
  // This process could not reset its peak (not Linux): the next file gets a process of its own.
  if (outcome.last) served = undefined;
  return record(what, outcome);
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const documentXml = (body: Omit<HostilePart, 'name'>): HostilePart => ({
  name: 'word/document.xml',
  ...body,
  head: body.head ?? `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W_NS}"><w:body><w:p><w:bookmarkStart w:id="0" w:name="${bookmark}"/></w:p>`,
  tail: body.tail ?? '</w:body></w:document>',
});

const PARAGRAPH =
  '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6"><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r w:rsidRPr="00112233"><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">We will improve access to primary care in every place by 2028, with our partners. </w:t></w:r></w:p>';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-hostile-'));
  dbPath = path.join(dir, 'jfp.db');
  const services = startServices(dbPath);
  const plan = await services.dispatch('createSamplePlan', {});
  if (!plan.ok) throw new Error(plan.error.message);
  planId = (plan.value as { id: string }).id;
  bookmark = sectionBookmarkName(services.store.sections.list(planId)[0]!.id);
  exported = await exportedDocx(services.store, planId);
  const reviewer = await services.dispatch('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch', orgType: 'healthwatch', email: '' });
  if (!reviewer.ok) throw new Error(reviewer.error.message);
  const pack = buildReviewPack(services.store, planId, (reviewer.value as { id: string }).id);
  reviewPack = pack;
  commentsFile = {
    format: 'jfp-comments',
    version: 1,
    packId: pack.packId,
    planId,
    planTitle: pack.plan.title,
    createdAt: new Date().toISOString(),
    reviewer: pack.reviewer,
    comments: [
      {
        id: 'c1',
        threadId: 'c1',
        sectionId: pack.sections[0]!.id,
        quote: '',
        body: 'Where is the baseline?',
        createdAt: new Date().toISOString(),
        author: { name: 'Asha Patel', organisation: 'Healthwatch', orgType: 'healthwatch' },
        status: 'open',
      },
    ],
  };
  services.close();
  childScript = await bundleForChild('test/support/import-child.ts');
}, 120_000);

afterAll(async () => {
  if (served) {
    const { child } = served;
    served = undefined;
    child.stdin.end();
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (childScript) fs.rmSync(childScript, { force: true });
  const width = Math.max(0, ...figures.map((f) => f.what.length));
  const rows = figures.map(
    (f) =>
      `  ${f.what.padEnd(width)} ${f.ms.toFixed(1).padStart(9)} ms ${f.peakMB.toFixed(0).padStart(5)} MB peak (${f.baselineMB.toFixed(0)} MB before)  ${f.result.slice(0, 110)}`,
  );
  console.log(`Hostile files: time to answer and peak memory of the importing process (limit ${MAX_PEAK_MB} MB)\n${rows.join('\n')}`);
});

const cases: Array<[string, () => Promise<string>, RegExp]> = [
  [
    'a 218 KB .docx whose parts inflate to 190 MB (sizes told)',
    async () =>
      write(
        'told.docx',
        await hostileZip([
          ...wordShell({ comments: true }),
          documentXml({ body: PARAGRAPH, times: Math.floor((63 * 1048576) / PARAGRAPH.length) }),
          { name: 'word/comments.xml', body: '<w:p/>', times: Math.floor((63 * 1048576) / 6) },
          { name: 'word/commentsExtended.xml', body: '<w:p/>', times: Math.floor((63 * 1048576) / 6) },
        ]),
      ),
    /^The file would be over 80 MB uncompressed; it was not read\.$/,
  ],
  [
    'the same parts claiming to be 1 KB each (sizes lie)',
    async () =>
      write(
        'lying.docx',
        await hostileZip([
          ...wordShell({ comments: true }),
          documentXml({ body: PARAGRAPH, times: Math.floor((63 * 1048576) / PARAGRAPH.length), claimedSize: 1024 }),
          { name: 'word/comments.xml', body: '<w:p/>', times: Math.floor((63 * 1048576) / 6), claimedSize: 1024 },
        ]),
      ),
    /^The part word\/document\.xml inflates to more than the 1 KB it says it is; the file was not read\.$/,
  ],
  [
    'a zip bomb: one part claiming 4 GB',
    async () => write('bomb.docx', await hostileZip([...wordShell({ comments: false }), documentXml({ body: '<w:p/>', times: 10, claimedSize: 0xfffffff0 })])),
    /^The part word\/document\.xml says it is 4096 MB uncompressed, over the 64 MB limit; the file was not read\.$/,
  ],
  [
    'a zip bomb: one 200 MB part claiming 60 MB',
    async () =>
      write('bomb-200.docx', await hostileZip([...wordShell({ comments: false }), documentXml({ body: '<w:p/>', times: 35 * 1048576, claimedSize: 60 * 1048576 })])),
    /^The part word\/document\.xml inflates to more than the 60 MB it says it is; the file was not read\.$/,
  ],
  [
    'a zip bomb: 10,000 parts',
    async () =>
      write(
        'many-parts.docx',
        await hostileZip([
          ...wordShell({ comments: false }),
          documentXml({}),
          ...Array.from({ length: 10_000 }, (_, i) => ({ name: `word/media/part${i}.xml`, head: '<x/>' })),
        ]),
      ),
    /^The file has more than 5,000 parts; it was not read\.$/,
  ],
  [
    'a zip bomb: 4,000 parts claiming 1 MB each',
    async () =>
      write(
        'wide-bomb.docx',
        await hostileZip([
          ...wordShell({ comments: false }),
          documentXml({}),
          ...Array.from({ length: 4000 }, (_, i) => ({ name: `word/media/part${i}.xml`, head: '<x/>', claimedSize: 1048576 })),
        ]),
      ),
    /^The file would be over 80 MB uncompressed; it was not read\.$/,
  ],
  [
    'XXE: an external entity in comments.xml',
    async () =>
      write(
        'xxe.docx',
        await hostileZip([
          ...wordShell({ comments: true }),
          documentXml({}),
          {
            name: 'word/comments.xml',
            head: `<?xml version="1.0"?><!DOCTYPE w:comments [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:comments xmlns:w="${W_NS}"><w:comment w:id="1"><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:comment></w:comments>`,
          },
        ]),
      ),
    /^The part word\/comments\.xml declares a DTD, which Word documents never do; the file was not read\.$/,
  ],
  [
    'billion laughs in document.xml',
    async () => {
      const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
      return write(
        'laughs.docx',
        await hostileZip([
          ...wordShell({ comments: false }),
          documentXml({
            head: `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">${levels}]><w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p>`,
          }),
        ]),
      );
    },
    /^The part word\/document\.xml declares a DTD, which Word documents never do; the file was not read\.$/,
  ],
  [
    'XML nested 500,000 elements deep',
    async () => write('deep.docx', await hostileZip([...wordShell({ comments: false }), documentXml({ body: '<w:sdt>', times: 500_000, tail: '' })])),
    /^The part word\/document\.xml nests elements more than 1000 deep, which Word documents never do; the file was not read\.$/,
  ],
  [
    'comments.xml of 400,000 empty elements (a DOM of GBs)',
    async () =>
      write(
        'dense.docx',
        await hostileZip([
          ...wordShell({ comments: true }),
          documentXml({}),
          { name: 'word/comments.xml', head: `<w:comments xmlns:w="${W_NS}">`, body: '<w:p/>', times: 400_000, tail: '</w:comments>' },
        ]),
      ),
    /^The file holds more XML than a Word document this app imports \(over 100,000 elements, reached in word\/comments\.xml\); it was not read\.$/,
  ],
  [
    'a truncated zip (the plan’s export cut in half)',
    async () => write('truncated.docx', exported.subarray(0, Math.floor(exported.length / 2))),
    /^The file is not a readable Word document \(\.docx\): the end of the zip package is missing/,
  ],
  [
    'a zip whose document.xml is damaged',
    async () => {
      const damaged = Buffer.from(exported);
      const name = Buffer.from('word/document.xml');
      const at = damaged.indexOf(name) + name.length + 40;
      for (let i = 0; i < 64; i++) damaged[at + i] = damaged[at + i]! ^ 0x5a;
      return write('damaged.docx', damaged);
    },
    /^The file is not a readable Word document \(\.docx\): the part word\/document\.xml is damaged/,
  ],
  [
    'a 200 MB file',
    async () => {
      const file = path.join(dir, 'huge.docx');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, 200 * 1024 * 1024);
      return file;
    },
    /^The Word document is 200 MB, over the 50 MB that can be imported; it was not read\.$/,
  ],
  [
    'a 200 MB review pack',
    async () => {
      const file = path.join(dir, 'huge.jfpreview');
      fs.writeFileSync(file, '{');
      fs.truncateSync(file, 200 * 1024 * 1024);
      return file;
    },
    /^huge\.jfpreview is too large to be a review pack \(over 30 MB\); it was not read\.$/,
  ],
  [
    'a 200 MB comments file',
    async () => {
      const file = path.join(dir, 'huge.jfpcomments');
      fs.writeFileSync(file, '{');
      fs.truncateSync(file, 200 * 1024 * 1024);
      return file;
    },
    /^huge\.jfpcomments is too large to be a comments file \(over 20 MB\); it was not read\.$/,
  ],
  [
    'a comments file with a forged, repeated comment id',
    async () => write('forged.jfpcomments', JSON.stringify({ ...commentsFile, comments: [commentsFile.comments[0], { ...commentsFile.comments[0], body: 'Forged' }] })),
    /^That file is not a comments file or Word document this version of JFP Studio can read: two comments have the same id \(c1\)\. Nothing was changed\.$/,
  ],
  [
    'a comments file with a 100,000-character id',
    async () =>
      write(
        'long-id.jfpcomments',
        JSON.stringify({ ...commentsFile, comments: [{ ...commentsFile.comments[0], id: 'x'.repeat(100_000), threadId: 'x'.repeat(100_000) }] }),
      ),
    /^That file is not a comments file or Word document this version of JFP Studio can read: an id must be 64 characters or fewer\. Nothing was changed\.$/,
  ],
  [
    'a comments file for another plan (forged plan id)',
    async () => write('other-plan.jfpcomments', JSON.stringify({ ...commentsFile, planId: 'another-plan' })),
    /^This comments file is for another plan/,
  ],
];

describe('hostile files given to "Import comments…"', () => {
  for (const [what, make, message] of cases) {
    it(`refuses ${what} with a sentence, in bounded time and memory, changing nothing`, async () => {
      const file = await make();
      const before = snapshot();
      const outcome = await importInServedChild(what, file);
      expect(outcome).toMatchObject({ ok: false, code: 'invalid_input' });
      expect(outcome.message).toMatch(message);
      expect(outcome.peakMB).toBeLessThan(MAX_PEAK_MB);
      expect(outcome.ms).toBeLessThan(MAX_SECONDS * 1000);
      expect(snapshot()).toEqual(before);
    }, 120_000);
  }

  it('imports a .docx whose comments forge ids (one w:id twice, replies in a circle) as one thread, once', async () => {
    const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
    const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
    const comment = (paraId: string, body: string) =>
      `<w:comment w:id="5" w:author="Ben Ode" w:date="2027-01-02T10:00:00Z"><w:p w14:paraId="${paraId}"><w:r><w:t>${body}</w:t></w:r></w:p></w:comment>`;
    const file = write(
      'forged-ids.docx',
      await hostileZip([
        ...wordShell({ comments: true }).map((part) =>
          part.name === 'word/_rels/document.xml.rels'
            ? {
                ...part,
                head: part.head!.replace(
                  '</Relationships>',
                  '<Relationship Id="rId10" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/></Relationships>',
                ),
              }
            : part,
        ),
        documentXml({
          body: '<w:p><w:commentRangeStart w:id="5"/><w:r><w:t>improve access</w:t></w:r><w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r></w:p>',
        }),
        {
          name: 'word/comments.xml',
          head: `<w:comments xmlns:w="${W_NS}" xmlns:w14="${W14}">${comment('0000000A', 'First, pointing at the second.')}${comment('0000000B', 'Second, pointing at the first.')}</w:comments>`,
        },
        {
          name: 'word/commentsExtended.xml',
          head: `<w15:commentsEx xmlns:w15="${W15}"><w15:commentEx w15:paraId="0000000A" w15:paraIdParent="0000000B"/><w15:commentEx w15:paraId="0000000B" w15:paraIdParent="0000000A"/></w15:commentsEx>`,
        },
      ]),
    );
    const first = await importInServedChild('a .docx with forged comment ids (same w:id, replies in a circle)', file);
    expect(first).toMatchObject({ ok: true, summary: { newThreads: 1, newReplies: 1 } });
    const after = snapshot();
    expect(await importInServedChild('the same .docx imported again', file)).toMatchObject({ ok: true, summary: { newThreads: 0, newReplies: 0, alreadyImported: 2 } });
    expect(snapshot()).toEqual(after);
  }, 120_000);

  it(`opens the largest review pack within its limit in under ${MAX_PEAK_MB} MB`, async () => {
    // The plan's paragraphs repeated until the pack is just under its 30 MB limit: a plan of well over a million words.
    const grown = structuredClone(reviewPack);
    // Only the sections' text is repeated (the pack's other parts, such as each section's guidance, stay as they are).
    const size = JSON.stringify(grown).length;
    const text = grown.sections.reduce((sum, section) => sum + JSON.stringify(section.content).length, 0);
    const times = Math.floor((29.5 * 1048576 - (size - text)) / text);
    for (const section of grown.sections) {
      const content = JSON.parse(section.content) as { root: { children: unknown[] } };
      content.root.children = Array.from({ length: times }, () => content.root.children).flat();
      section.content = JSON.stringify(content);
    }
    const file = write('largest.jfpreview', JSON.stringify(grown));
    expect(fs.statSync(file).size).toBeGreaterThan(25 * 1048576);
    expect(fs.statSync(file).size).toBeLessThan(30 * 1048576);
    const outcome = importInChild(`the largest accepted review pack (${Math.round(fs.statSync(file).size / 1048576)} MB, ${grown.sections.length} sections)`, file);
    expect(outcome).toMatchObject({ ok: true, reviewCopyOf: planId });
    expect(outcome.peakMB).toBeLessThan(MAX_PEAK_MB);
  }, 180_000);

  it(`imports the largest comments file within its limit in under ${MAX_PEAK_MB} MB`, async () => {
    const base = commentsFile.comments[0]!;
    const comments = Array.from({ length: 990 }, (_, i) => ({
      ...base,
      id: `big-${i}`,
      threadId: `big-${i}`,
      body: `Comment ${i}: ${'We ask for a clearer baseline. '.repeat(645)}`.slice(0, 20_000),
    }));
    const file = write('largest.jfpcomments', JSON.stringify({ ...commentsFile, comments }));
    expect(fs.statSync(file).size).toBeGreaterThan(18 * 1048576);
    const outcome = importInChild(`the largest accepted comments file (${Math.round(fs.statSync(file).size / 1048576)} MB, 990 comments)`, file);
    expect(outcome).toMatchObject({ ok: true, summary: { newThreads: 990 } });
    expect(outcome.peakMB).toBeLessThan(MAX_PEAK_MB);
  }, 180_000);

  it(`imports the largest document within the budgets in under ${MAX_PEAK_MB} MB`, async () => {
    // A file near the 50 MB limit (an image that is never inflated), a 40 MB document.xml (a plan far
    // larger than any real one; with the image, just under the 80 MB total) and 200 long comments
    // whose XML is just under the element budget.
    const comments = Array.from({ length: 200 }, (_, i) => i + 1);
    const filler = '<w:proofErr w:type="spellStart"/>'.repeat(17_000);
    const ranges = comments
      .map(
        (id) =>
          `<w:p><w:commentRangeStart w:id="${id}"/><w:r><w:t>improve access</w:t></w:r><w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r></w:p>`,
      )
      .join('');
    const run = '<w:r><w:t xml:space="preserve">word </w:t></w:r>';
    const file = write(
      'largest.docx',
      await hostileZip([
        ...wordShell({ comments: true }),
        documentXml({
          head: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W_NS}"><w:body><w:p><w:bookmarkStart w:id="0" w:name="${bookmark}"/></w:p>${ranges}`,
          body: PARAGRAPH,
          times: Math.floor((40 * 1048576) / PARAGRAPH.length),
        }),
        { name: 'word/media/image1.png', randomBytes: 37 * 1048576 },
        {
          name: 'word/comments.xml',
          head: `<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="${W_NS}">${comments.map((id) => `<w:comment w:id="${id}" w:author="Reviewer ${id}" w:date="2027-01-02T10:00:00Z"><w:p>${run.repeat(100)}${id === 1 ? filler : ''}</w:p></w:comment>`).join('')}</w:comments>`,
        },
      ]),
    );
    const before = snapshot();
    expect(fs.statSync(file).size).toBeGreaterThan(37 * 1048576);
    const outcome = importInChild('the largest accepted .docx (38 MB file, 40 MB document, 98,000 XML elements)', file);
    expect(outcome).toMatchObject({ ok: true, summary: { newThreads: 200 } });
    expect(outcome.peakMB).toBeLessThan(MAX_PEAK_MB);
    expect(snapshot().comments!.length).toBe(before.comments!.length + 200);
  }, 180_000);
});
