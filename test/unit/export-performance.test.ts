// A ~300,000-word plan (about 540 pages) exports to Word with every section in
// it. How fast is measured by `npm run bench` (export), not here: timings in
// unit tests fail on a busy machine for reasons that are not bugs.
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../electron/services/export';
import { largePlan } from '../bench/export-bench';
import { headings, readDocx } from '../support/docx-reader';

describe('exporting a very large plan', () => {
  it("puts every one of the 300,000-word plan's sections into the .docx", async () => {
    const plan = largePlan();
    expect(plan.words).toBeGreaterThan(290_000);
    const { content, summary } = await exportDocument({ data: plan.data, options: { format: 'docx' } });
    expect(summary.sectionCount).toBe(60);
    const titles = new Set(headings(readDocx(content as Buffer)).map(([, text]) => text));
    for (const section of plan.data.sections) expect([...titles].some((t) => t.endsWith(section.title))).toBe(true);
  });
});
