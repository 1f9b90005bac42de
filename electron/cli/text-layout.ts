// Readable text output for the terminal: aligned columns, shortened cells,
// highlighted search matches, numbers and times. Pure functions over strings.
import type { SnippetPart } from '../../shared/domain';

export interface Column<R> {
  heading: string;
  value: (row: R) => string;
  align?: 'left' | 'right';
  /** Longer cells are shortened with "..." (--json always has the full text). */
  max?: number;
  /** Levels of two-space indent before the cell (an outline's depth). */
  indent?: (row: R) => number;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Characters a terminal acts on instead of showing: C0 controls but tab and
 * line feed (ESC starts sequences that move the cursor, retitle the window or
 * write to the clipboard; BEL rings; backspace and carriage return overwrite
 * what was printed), DEL, the C1 controls (U+009B is a one-byte ESC [), and
 * the bidirectional overrides, isolates and marks that reorder a line.
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The two styles the CLI itself writes (bold on, bold off), kept when `keepStyles` is set. */
const OWN_STYLES = /(\u001b\[(?:1|22)m)/;

/** One character shown in place of a control: its Control Pictures symbol (␛ for ESC), else U+FFFD. */
function neutral(control: string): string {
  const code = control.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\uFFFD';
}

/**
 * Text from the database made safe to print to a terminal: every control
 * character is replaced by a visible symbol of the same width, so a comment
 * holding escape sequences prints as the characters it holds and lines still
 * line up. With `keepStyles`, the CLI's own bold markers survive.
 */
export function terminalSafe(text: string, options: { keepStyles?: boolean } = {}): string {
  if (!options.keepStyles) return text.replace(TERMINAL_CONTROLS, neutral);
  return text
    .split(OWN_STYLES)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(TERMINAL_CONTROLS, neutral)))
    .join('');
}

/** JSON output with the same characters written as \u escapes: the same JSON, but inert on a terminal. */
export function terminalSafeJson(json: string): string {
  return json.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Characters a cell takes on screen (ANSI styling takes none). */
export const visibleLength = (text: string): number => text.replace(ANSI, '').length;

/** One line, at most `max` characters. */
export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, Math.max(1, max - 3)).trimEnd()}...`;
}

/** Rows under a heading line, columns padded to line up; the last column is not padded. */
export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      // Cells may hold markSnippet's bold (already made safe); every other control is shown, not obeyed.
      const value = terminalSafe(column.value(row).replace(/\s+/g, ' ').trim(), { keepStyles: true });
      return '  '.repeat(column.indent?.(row) ?? 0) + (column.max ? shorten(value, column.max) : value);
    }),
  );
  const widths = columns.map((column, i) => Math.max(visibleLength(column.heading), ...cells.map((line) => visibleLength(line[i]!))));
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - visibleLength(text));
    if (columns[i]!.align === 'right') return gap + text;
    return i === columns.length - 1 ? text : text + gap;
  };
  return [columns.map((column) => column.heading), ...cells].map((line) => line.map(pad).join('  ').trimEnd()).join('\n');
}

/** A snippet with its matches in bold on a terminal, or in [brackets] elsewhere. */
export function markSnippet(parts: readonly SnippetPart[], color: boolean): string {
  return parts
    .map(({ text, match }) => {
      const flat = terminalSafe(text.replace(/\s+/g, ' '));
      if (!match) return flat;
      return color ? `\u001b[1m${flat}\u001b[22m` : `[${flat}]`;
    })
    .join('')
    .trim();
}

export const formatCount = (n: number): string => n.toLocaleString('en-GB');

/** "2025-11-23 09:56" in the local time zone, as people read the app's own times. */
export function formatTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The shortest start of each id (at least `min` characters) that no other id shares. */
export function shortIds(ids: readonly string[], min = 8): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    let length = Math.min(min, id.length);
    while (length < id.length && ids.some((other) => other !== id && other.startsWith(id.slice(0, length)))) length++;
    out.set(id, id.slice(0, length));
  }
  return out;
}
