// Faithful selection and honest content, on the sample plan: an approved-only
// board paper keeps the plan's numbers under its parents' headings, sections
// with no text are listed and marked "Not yet drafted" in a draft, and a final
// export refuses them unless they were chosen by name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { exportDocument } from '../../electron/services/export';
import { isEmptyContent } from '../../electron/services/export/model/read-content';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import { JfpError } from '../../shared/errors';
import type { PlanExportData } from '../../shared/export';
import { callOk } from '../support/call-ok';
import { headings, paragraphs, readDocx } from '../support/docx-reader';
import { FULL_COVER } from '../support/export-fixture';

let dir: string;
let services: AppServices;
let data: PlanExportData;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-faithful-'));
  services = startServices(path.join(dir, 'jfp.db'));
  const plan = await callOk(services, 'createSamplePlan', {});
  data = loadPlanExport(services.store, plan.id);
});

afterAll(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function word(options: Record<string, unknown>, source = data) {
  const result = await exportDocument({ data: source, options: { includeCommitments: false, includeHwbOpinions: false, ...options }, cover: FULL_COVER });
  return { ...result, pkg: readDocx(result.content as Buffer) };
}

/** "5.2 Title" headings of sections (those that start with a number), by title without the marker. */
const numbered = (pkg: ReturnType<typeof readDocx>) =>
  headings(pkg)
    .map(([level, text]) => ({ level, text }))
    .filter((h) => /^\d+(\.\d+)* /.test(h.text));

describe('faithful selection', () => {
  it('an approved-only board paper keeps the numbers of the full plan and prints the parents of every chosen section', async () => {
    const full = numbered((await word({ kind: 'plan' })).pkg);
    const numberOf = new Map(full.map((h) => [h.text.replace(/^[\d.]+ /, ''), h.text.split(' ')[0]]));
    const approved = new Set(data.sections.filter((s) => s.status === 'approved').map((s) => s.title));
    expect(approved.size).toBeGreaterThan(2);
    expect(approved.size).toBeLessThan(data.sections.length);

    const { pkg } = await word({ kind: 'board_paper', sections: { statuses: ['approved'] } });
    const paper = numbered(pkg);
    expect(paper.length).toBeGreaterThan(0);
    for (const h of paper) {
      const [number, ...rest] = h.text.split(' ');
      const title = rest.join(' ').replace(/ \(heading only\)$/, '');
      // The same number as in the full plan, at the level the number says.
      expect(numberOf.get(title), h.text).toBe(number);
      expect(h.level).toBe(number!.split('.').length);
      // A heading-only parent is there only because a chosen section sits under it.
      if (h.text.endsWith('(heading only)')) expect(approved.has(title)).toBe(false);
      else expect(approved.has(title)).toBe(true);
    }
    // Every chosen subsection's parent heading is present just above it in the numbering.
    const numbers = new Set(paper.map((h) => h.text.split(' ')[0]!));
    for (const n of numbers) if (n.includes('.')) expect(numbers.has(n.slice(0, n.lastIndexOf('.'))), n).toBe(true);
    expect(paper.some((h) => h.text.endsWith('(heading only)'))).toBe(true);
  });
});

describe('honest content', () => {
  const emptySections = () => {
    const parents = new Set(data.sections.filter((s, i) => (data.sections[i + 1]?.depth ?? 0) > s.depth).map((s) => s.id));
    return data.sections.filter((s) => !parents.has(s.id) && isEmptyContent(s.content));
  };
  const emptyTitles = () => emptySections().map((s) => s.title);

  it('finds the sample plan’s sections that have no text', () => {
    expect(emptyTitles().length).toBeGreaterThan(0);
    expect(isEmptyContent('')).toBe(true);
    expect(isEmptyContent('{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"  "}]}]}}')).toBe(true);
    expect(isEmptyContent('{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"Hi"}]}]}}')).toBe(false);
    expect(isEmptyContent('not json')).toBe(false);
  });

  it('lists sections with no text in the warnings and prints "Not yet drafted" under each in a draft', async () => {
    const empty = emptyTitles();
    const { pkg, summary } = await word({ kind: 'plan' });
    const warned = summary.warnings.filter((w) => w.message === 'This section has no text yet.').map((w) => w.sectionTitle);
    expect(warned).toEqual(empty);
    // Each note sits right under the heading of a section with no text, in the plan's order.
    const body = paragraphs(pkg);
    const underHeadings = body.flatMap((p, i) => (p.text === 'Not yet drafted.' ? [body[i - 1]!] : []));
    expect(underHeadings.map((h) => h.text.replace(/^[\d.]+ /, ''))).toEqual(empty);
    expect(underHeadings.every((h) => h.style?.startsWith('Heading'))).toBe(true);
  });

  it('refuses a final export with sections that have no text, naming them, unless they are chosen by name', async () => {
    const final = { ...data, plan: { ...data.plan, isFinal: true } };
    const empty = emptyTitles();
    const refusal = word({ kind: 'plan' }, final);
    await expect(refusal).rejects.toBeInstanceOf(JfpError);
    await expect(refusal).rejects.toThrow(
      new RegExp(`^This is the final plan, but ${empty.length === 1 ? 'this section has' : `${empty.length} sections have`} no text: “[\\d.]+ ${empty[0]}”`),
    );
    // Chosen by name, they are exported as they are, still listed in the warnings.
    const ids = emptySections().map((s) => s.id);
    const { pkg, summary } = await word({ kind: 'plan', sections: { sectionIds: ids, withSubsections: false } }, final);
    expect(summary.warnings.filter((w) => w.message === 'This section has no text yet.')).toHaveLength(ids.length);
    expect(paragraphs(pkg).some((p) => p.text === 'Not yet drafted.')).toBe(false);
  });
});
