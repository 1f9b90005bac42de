// Tab-separated text as Excel and LibreOffice put it on the clipboard: rows end
// with a line break (CRLF or LF), a cell holding a tab, a line break or a quote
// is quoted with doubled quotes inside. The last line break is no empty row.

/** Reads a pasted block into rows of cells; at most `maxCells` cells are read. */
export function parseTsv(text: string, maxCells = 100_000): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let cells = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
    cells += 1;
  };
  while (i < text.length && cells < maxCells) {
    const ch = text[i];
    if (cell === '' && ch === '"') {
      // A quoted cell: read to the closing quote; "" is one quote.
      let j = i + 1;
      let value = '';
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      if (j < text.length) {
        cell = value;
        i = j + 1;
        continue;
      }
      // No closing quote: the quote was just text.
    }
    if (ch === '\t') {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (cells < maxCells && (cell !== '' || row.length > 0)) endCell();
  if (row.length > 0) rows.push(row);
  return rows;
}

const quote = (cell: string) => (/[\t\r\n"]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join('\t')).join('\r\n') + '\r\n';
}
