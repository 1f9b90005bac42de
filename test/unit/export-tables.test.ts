// Tables that read well (#14): the delivery commitments table is given column
// widths from its own text (so a row wraps to about the same number of lines
// in each column), is set with tighter spacing, and is drawn with the same proportions in
// Word and HTML; a table from the editor keeps the widths its author gave it.
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../electron/services/export';
import { tableWidths } from '../../electron/services/export/table-layout';
import { COMMITMENT_COLUMNS, dataTable } from '../../electron/services/export/model/appendices';
import type { TableBlock } from '../../electron/services/export/model/document';
import { fixtureData } from '../support/export-fixture';
import { NS, readDocx, textOf, wElements, wVal } from '../support/docx-reader';

const share = (widths: number[]) => {
  const sum = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / sum);
};

describe('column widths', () => {
  it('gives each column of a data table a share of the row like its longer entries, never less than its longest word', () => {
    const rows = [
      { name: 'A', text: 'short', code: 'X1' },
      { name: 'B', text: 'a much longer piece of text that needs room to wrap over a line or two', code: 'X2' },
      { name: 'C', text: 'another long piece of text, about as long as the one above it is', code: 'X3' },
    ];
    const table = dataTable(
      [
        { heading: 'Name', width: 30, text: (r: (typeof rows)[number]) => r.name },
        { heading: 'Text', width: 30, text: (r: (typeof rows)[number]) => r.text },
        { heading: 'Identifier', width: 40, text: (r: (typeof rows)[number]) => r.code },
      ],
      rows,
    );
    const [name, text, code] = share(tableWidths(table));
    expect(text!).toBeGreaterThan(0.6);
    // "Identifier" (10 letters) must fit on a line, however short the codes are.
    expect(code!).toBeGreaterThan(name!);
  });

  it('keeps the widths an author gave a table from the editor', () => {
    const table: TableBlock = {
      kind: 'table',
      caption: '',
      columnCount: 2,
      widths: [70, 30],
      head: [],
      body: [
        [
          { content: { blocks: [] }, colSpan: 1, rowSpan: 1, rowHeading: false },
          { content: { blocks: [] }, colSpan: 1, rowSpan: 1, rowHeading: false },
        ],
      ],
    };
    expect(tableWidths(table)).toEqual([70, 30]);
  });
});

describe('the delivery commitments table', () => {
  it('is compact, measured, and drawn in the same proportions in Word and HTML', async () => {
    const data = fixtureData();
    const word = readDocx((await exportDocument({ data, options: { format: 'docx' } })).content as Buffer);
    const html = (await exportDocument({ data, options: { format: 'html' } })).content as string;
    const table = wElements(word.xml('word/document.xml'), 'tbl').find((t) => textOf(t).startsWith('PriorityCommitment'))!;
    const grid = wElements(table, 'gridCol').map((c) => Number(c.getAttributeNS(NS.w, 'w')));
    expect(grid).toHaveLength(COMMITMENT_COLUMNS.length);
    // Landscape A4 text width (29.7 cm less 2 x 2.5 cm margins) in twips.
    expect(grid.reduce((a, b) => a + b, 0)).toBeCloseTo(Math.round((24.7 / 2.54) * 1440), -2);
    const styles = new Set(wElements(table, 'pStyle').map(wVal));
    expect([...styles].sort()).toEqual(['TableHeadingCompact', 'TableTextCompact']);
    const sizes = wElements(word.xml('word/styles.xml'), 'style').find((s) => s.getAttributeNS(NS.w, 'styleId') === 'TableTextCompact')!;
    // Tighter spacing (1 pt), never smaller text: the accessibility check holds body text to 12 pt.
    expect(wElements(sizes, 'spacing')[0]!.getAttributeNS(NS.w, 'before')).toBe('20');
    expect(wElements(sizes, 'sz')).toHaveLength(0);

    const wide = /<table class="compact">\n<caption>[^<]*<\/caption>\n<colgroup>(.*?)<\/colgroup>/.exec(html)!;
    const percentages = [...wide[1]!.matchAll(/width: ([\d.]+)%/g)].map((m) => Number(m[1]) / 100);
    const wordShares = share(grid);
    percentages.forEach((p, i) => expect(p).toBeCloseTo(wordShares[i]!, 2));
    // The commitments appendix prints on landscape pages.
    expect(html).toMatch(/<section class="chapter wide" aria-labelledby="delivery-commitments">/);
    expect(html).toContain('@page wide { size: A4 landscape; }');
  });
});
