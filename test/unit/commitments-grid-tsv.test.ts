// Tab-separated text as Excel and LibreOffice put it on the clipboard.
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../renderer/commitments/tsv';

describe('pasted blocks', () => {
  it('reads rows ending in CRLF with the last line break no extra row', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty cells, and reads quoted cells with tabs, line breaks and doubled quotes', () => {
    expect(parseTsv('\tx\t\r\n"two\nlines"\t"say ""hi"""\t"a\tb"\r\n')).toEqual([
      ['', 'x', ''],
      ['two\nlines', 'say "hi"', 'a\tb'],
    ]);
  });

  it('treats a quote that is never closed as text', () => {
    expect(parseTsv('"5 inch\tx\n')).toEqual([['"5 inch', 'x']]);
  });

  it('stops at the cell limit', () => {
    expect(parseTsv('a\tb\tc\td\n', 2)).toEqual([['a', 'b']]);
  });

  it('writes what it reads', () => {
    const block = [
      ['Start well', 'Line one\nline two', '71% "baseline"'],
      ['', 'tab\there', '2028/29'],
    ];
    expect(parseTsv(toTsv(block))).toEqual(block);
  });
});
