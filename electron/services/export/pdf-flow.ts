// #14 pdf: slices put onto A4 pages. A slice that does not fit starts a new
// page; a heading's lines are kept with the line after them; a table's header
// rows are drawn again at the top of every page it continues on (as artifacts:
// the structure has them once); a row is moved whole to the next page when it
// fits there, and split between its lines when it is taller than a page.
import type { Op, RowLayout, Slice, TableLayout } from './pdf-layout';

export const A4 = { width: 595.28, height: 841.89 };

export interface Placed {
  ops: Op[];
  dx: number;
  dy: number;
  /** Drawn again (a repeated header row): content marked as an artifact, no links or destinations. */
  artifact?: boolean;
}

export interface Page {
  landscape: boolean;
  placed: Placed[];
}

export class Flow {
  readonly pages: Page[] = [];
  private page: Page | null = null;
  private y = 0;

  constructor(private readonly margin: number) {}

  private get top(): number {
    return this.margin;
  }

  private get bottom(): number {
    return (this.page?.landscape ? A4.width : A4.height) - this.margin;
  }

  /** The height a fresh page holds. */
  private get pageHeight(): number {
    return this.bottom - this.top;
  }

  private get atTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  newPage(landscape = this.page?.landscape ?? false): void {
    this.page = { landscape, placed: [] };
    this.pages.push(this.page);
    this.y = this.top;
  }

  private emit(ops: Op[], dy: number, artifact = false, dx = 0): void {
    if (ops.length) this.page!.placed.push({ ops, dx, dy, artifact });
  }

  place(slices: readonly Slice[]): void {
    for (let i = 0; i < slices.length; i++) {
      const slice = slices[i]!;
      if (slice.brk) {
        const landscape = slice.brk === 'page' ? (this.page?.landscape ?? false) : slice.brk === 'landscape';
        if (!this.page || !this.page.placed.length) {
          if (!this.page) this.newPage(landscape);
          else this.page.landscape = landscape;
        } else this.newPage(landscape);
      }
      if (!this.page) this.newPage();
      if (slice.table) {
        this.placeTable(slice.table, slice.before ?? 0);
        continue;
      }
      let before = this.atTop ? 0 : (slice.before ?? 0);
      let need = before + slice.h;
      // Keep a heading with what follows it: its lines and the first line (or table row) after them.
      for (let j = i; slices[j]?.keep && j + 1 < slices.length; j++) {
        const next = slices[j + 1]!;
        if (next.brk) break;
        need += (next.before ?? 0) + (next.table ? firstRowsHeight(next.table) : next.h);
      }
      need = Math.min(need, this.pageHeight);
      if (this.y + need > this.bottom && !this.atTop) {
        this.newPage();
        before = 0;
      }
      this.emit(slice.ops, this.y + before);
      this.y += before + slice.h;
    }
  }

  private placeTable(table: TableLayout, before: number): void {
    const headH = table.head.reduce((sum, row) => sum + row.h, 0);
    const bands = bandsOf(table.body);
    const firstH = bands[0] ? Math.min(bands[0].h, this.pageHeight / 3) : 0;
    if (!this.atTop) {
      if (this.y + before + headH + firstH > this.bottom) this.newPage();
      else this.y += before;
    }
    const drawHead = (artifact: boolean) => {
      for (const band of bandsOf(table.head)) this.drawBand(band, artifact);
    };
    drawHead(false);
    for (const band of bands) {
      if (this.y + band.h <= this.bottom) {
        this.drawBand(band, false);
        continue;
      }
      const fresh = this.pageHeight - headH;
      if (band.h <= fresh || band.rows.length > 1) {
        this.newPage();
        drawHead(true);
        this.drawBand(band, false);
        continue;
      }
      // A row taller than a page: split between its lines.
      let row: RowLayout | null = band.rows[0]!;
      let height = band.h;
      while (row) {
        if (this.y + height <= this.bottom) {
          this.drawBand({ rows: [row], heights: [height], h: height }, false);
          break;
        }
        const freshPage = this.y <= this.top + headH + 0.01;
        let [part, rest] = splitRow(row, this.bottom - this.y);
        // Not one line fits even on a fresh page: draw a line anyway rather than never end.
        if (!part && freshPage) [part, rest] = splitRow(row, this.bottom - this.y, true);
        if (part) this.drawBand({ rows: [part], heights: [this.bottom - this.y], h: this.bottom - this.y }, false);
        else rest = row;
        if (!rest) break;
        this.newPage();
        drawHead(true);
        row = rest;
        height = rowContentHeight(row);
      }
    }
    this.y += 8;
  }

  private drawBand(band: Band, artifact: boolean): void {
    let y = this.y;
    band.rows.forEach((row, r) => {
      for (const cell of row.cells) {
        let h = 0;
        for (let i = r; i < Math.min(band.rows.length, r + cell.rowSpan); i++) h += band.heights[i]!;
        const ops: Op[] = [{ k: 'rect', x: cell.x, y: 0, w: cell.w, h, fill: cell.fill, stroke: row.border, lw: 0.75 }];
        this.emit(ops, y, artifact);
        let at = y + row.pad;
        for (const slice of cell.slices) {
          this.emit(slice.ops, at, artifact, cell.x);
          at += slice.h;
        }
      }
      y += band.heights[r]!;
    });
    this.y = y;
  }
}

interface Band {
  rows: RowLayout[];
  heights: number[];
  h: number;
}

/** Rows tied together by cells spanning rows, with the heights each row gets (a spanning cell's extra height goes to its last row). */
function bandsOf(rows: readonly RowLayout[]): Band[] {
  const bands: Band[] = [];
  let i = 0;
  while (i < rows.length) {
    let end = i + 1;
    for (let r = i; r < end; r++) for (const cell of rows[r]!.cells) end = Math.max(end, Math.min(rows.length, r + cell.rowSpan));
    const band = rows.slice(i, end);
    const heights = band.map((row) => row.h);
    band.forEach((row, r) => {
      for (const cell of row.cells) {
        if (cell.rowSpan <= 1) continue;
        const last = Math.min(band.length, r + cell.rowSpan) - 1;
        let have = 0;
        for (let k = r; k <= last; k++) have += heights[k]!;
        const need = cell.slices.reduce((sum, s) => sum + s.h, 0) + 2 * row.pad;
        if (need > have) heights[last]! += need - have;
      }
    });
    bands.push({ rows: band, heights, h: heights.reduce((a, b) => a + b, 0) });
    i = end;
  }
  return bands;
}

function firstRowsHeight(table: TableLayout): number {
  return table.head.reduce((sum, row) => sum + row.h, 0) + (table.body[0]?.h ?? 0);
}

function rowContentHeight(row: RowLayout): number {
  return Math.max(...row.cells.map((cell) => cell.slices.reduce((sum, s) => sum + s.h, 0)), 0) + 2 * row.pad;
}

/** The part of a row's cells that fits in `space`, and the rest (null when nothing is left). */
function splitRow(row: RowLayout, space: number, force = false): [RowLayout | null, RowLayout | null] {
  const room = space - 2 * row.pad;
  let any = false;
  let left = false;
  const parts = row.cells.map((cell) => {
    let used = 0;
    let n = 0;
    while (n < cell.slices.length && used + cell.slices[n]!.h <= room) used += cell.slices[n++]!.h;
    if (force && n === 0 && cell.slices.length) n = 1;
    if (n > 0) any = true;
    if (n < cell.slices.length) left = true;
    return { head: { ...cell, rowSpan: 1, slices: cell.slices.slice(0, n) }, tail: { ...cell, rowSpan: 1, slices: cell.slices.slice(n) } };
  });
  if (!any) return [null, row];
  const part = { ...row, cells: parts.map((p) => p.head) };
  const rest = left ? { ...row, cells: parts.map((p) => p.tail) } : null;
  if (rest) rest.h = rowContentHeight(rest);
  return [part, rest];
}
