// The grid's columns: what each shows, how typed or pasted text becomes a
// field's value (or a short refusal), which choices a select offers, and how it
// sorts. One table, so typing, pasting, Delete and sorting agree.
import { RAG_LABELS, RAG_STATUSES, SYSTEM_WIDE, type RagStatus, type SectionSummary } from '../../shared/domain';
import { formatFinancialYear, parseFinancialYear, type PlanPeriod } from '../../shared/financial-year';
import type { Fields, FieldName, RowSaver } from './row-saver';

/** What the grid needs of a section: its id, title and parent. */
export type SectionRef = Pick<SectionSummary, 'id' | 'title' | 'parentId'>;

export interface ColumnContext {
  period: PlanPeriod | null;
  sections: readonly SectionRef[];
  /** "Start well › What we will do" per section id. */
  sectionPaths: ReadonlyMap<string, string>;
  priorities: readonly string[];
  partners: readonly string[];
  places: readonly string[];
}

export type Parsed = { ok: true; fields: Fields; note?: string } | { ok: false; message: string };
export interface Choice {
  value: string;
  label: string;
}

export interface GridColumn {
  id: FieldName;
  label: string;
  /** Starting width in pixels (the author can resize). */
  width: number;
  editor: 'text' | 'select';
  /** Suggestions offered while typing (free text still allowed). */
  suggestions?(ctx: ColumnContext): readonly string[];
  options?(ctx: ColumnContext): Choice[];
  display(row: RowSaver, ctx: ColumnContext): string;
  /** The editor's starting text. */
  editText(row: RowSaver): string;
  /** `reason`: the Status cell's reason for a status set by hand (a pasted status has none, so is refused). */
  parse(text: string, ctx: ColumnContext, reason?: string): Parsed;
  sortValue(row: RowSaver, ctx: ColumnContext): string | number | undefined;
  /** A filter offers these values (with "All"), matched against filterValue. */
  filterValue?(row: RowSaver, ctx: ColumnContext): string;
}

type TextField = 'priority' | 'commitment' | 'metric' | 'baseline' | 'target' | 'leadOrg' | 'place' | 'governanceGroup';

function textColumn(id: TextField, label: string, width: number, extra: Partial<GridColumn> = {}): GridColumn {
  const text = (row: RowSaver) => String(row.value(id) ?? '');
  return {
    id,
    label,
    width,
    editor: 'text',
    display: text,
    editText: text,
    parse: (value) => ({ ok: true, fields: { [id]: value.trim() } }),
    sortValue: (row) => text(row).toLocaleLowerCase('en-GB') || undefined,
    ...extra,
  };
}

/** A select's typed or pasted text: its label or value, any case. */
function choose(options: Choice[], text: string, what: string): Parsed | { ok: true; value: string } {
  const wanted = text.trim().toLocaleLowerCase('en-GB');
  const found = options.find((o) => o.label.toLocaleLowerCase('en-GB') === wanted || o.value.toLocaleLowerCase('en-GB') === wanted);
  if (!found) return { ok: false, message: `“${text.trim()}” is not one of the ${what}.` };
  return { ok: true, value: found.value };
}

/** A status typed or pasted without the Status cell's reason field. */
export const STATUS_SET_BY_HAND = 'A status set by hand needs a reason: choose it in the Status cell, which asks for one.';

const RAG_SHORT: Record<RagStatus, string> = { not_set: 'Not set', red: 'Red', amber: 'Amber', green: 'Green', complete: 'Complete' };

/** The effective status, counting a status chosen here and not yet saved. */
export function shownStatus(row: RowSaver): RagStatus {
  const chosen = row.pending.rag;
  if (chosen === undefined) return row.saved?.rag ?? 'not_set';
  return chosen === 'not_set' ? (row.saved?.ragComputed.status ?? 'not_set') : chosen;
}

const placeOptions = (ctx: ColumnContext): Choice[] => [{ value: '', label: 'Not given' }, ...[...ctx.places, SYSTEM_WIDE].map((p) => ({ value: p, label: p }))];

export const COLUMNS: readonly GridColumn[] = [
  textColumn('priority', 'Priority', 150, {
    suggestions: (ctx) => ctx.priorities,
    filterValue: (row) => String(row.value('priority') ?? ''),
  }),
  textColumn('commitment', 'Commitment', 280),
  textColumn('metric', 'Metric', 160),
  textColumn('baseline', 'Baseline', 120),
  textColumn('target', 'Target', 110),
  {
    id: 'targetYear',
    label: 'Target year',
    width: 100,
    editor: 'text',
    display: (row) => {
      const year = row.value('targetYear');
      return typeof year === 'number' ? formatFinancialYear(year) : '';
    },
    editText: (row) => {
      const year = row.value('targetYear');
      return typeof year === 'number' ? formatFinancialYear(year) : '';
    },
    parse: (text, ctx) => {
      if (text.trim() === '') return { ok: true, fields: { targetYear: null } };
      const parsed = parseFinancialYear(text, ctx.period ?? undefined);
      if (!parsed.ok) return parsed;
      return { ok: true, fields: { targetYear: parsed.year }, note: parsed.note };
    },
    sortValue: (row) => row.value('targetYear') ?? undefined,
    filterValue: (row) => {
      const year = row.value('targetYear');
      return typeof year === 'number' ? formatFinancialYear(year) : '';
    },
  },
  textColumn('leadOrg', 'Lead organisation', 160, {
    suggestions: (ctx) => ctx.partners,
    filterValue: (row) => String(row.value('leadOrg') ?? ''),
  }),
  {
    id: 'place',
    label: 'Place',
    width: 120,
    editor: 'select',
    options: placeOptions,
    display: (row) => String(row.value('place') ?? ''),
    editText: (row) => String(row.value('place') ?? ''),
    parse: (text, ctx) => {
      if (text.trim() === '') return { ok: true, fields: { place: '' } };
      const chosen = choose(placeOptions(ctx), text, 'plan’s places (or System-wide)');
      return 'value' in chosen ? { ok: true, fields: { place: chosen.value } } : chosen;
    },
    sortValue: (row) => String(row.value('place') ?? '').toLocaleLowerCase('en-GB') || undefined,
    filterValue: (row) => String(row.value('place') ?? ''),
  },
  textColumn('governanceGroup', 'Governance group', 150, {
    filterValue: (row) => String(row.value('governanceGroup') ?? ''),
  }),
  {
    id: 'rag',
    label: 'Status',
    width: 140,
    editor: 'select',
    // 'not_set' here means "no override": the status computed from the actuals.
    options: () => RAG_STATUSES.map((r) => ({ value: r, label: r === 'not_set' ? 'As computed' : RAG_LABELS[r] })),
    display: (row) => RAG_LABELS[shownStatus(row)],
    editText: (row) => row.pending.rag ?? row.saved?.ragOverride ?? 'not_set',
    parse: (text, _ctx, reason) => {
      const wanted = text.trim().toLocaleLowerCase('en-GB');
      if (wanted === '' || wanted === 'as computed' || wanted === 'not set' || wanted === 'not_set')
        return { ok: true, fields: { rag: 'not_set', ragOverrideReason: '' } };
      const found = RAG_STATUSES.find((r) => r === wanted || RAG_SHORT[r].toLocaleLowerCase('en-GB') === wanted || RAG_LABELS[r].toLocaleLowerCase('en-GB') === wanted);
      if (found && !reason?.trim()) return { ok: false, message: STATUS_SET_BY_HAND };
      if (found) return { ok: true, fields: { rag: found, ragOverrideReason: reason!.trim() } };
      return { ok: false, message: `“${text.trim()}” is not a status: use Red, Amber, Green, Complete or As computed.` };
    },
    sortValue: (row) => RAG_STATUSES.indexOf(shownStatus(row)),
    filterValue: (row) => RAG_LABELS[shownStatus(row)],
  },
  {
    id: 'sectionId',
    label: 'Section',
    width: 170,
    editor: 'select',
    options: (ctx) => [{ value: '', label: 'Not linked' }, ...ctx.sections.map((s) => ({ value: s.id, label: ctx.sectionPaths.get(s.id) ?? s.title }))],
    display: (row, ctx) => {
      const id = row.value('sectionId');
      return id ? (ctx.sectionPaths.get(id) ?? '') : '';
    },
    editText: (row) => String(row.value('sectionId') ?? ''),
    parse: (text, ctx) => {
      if (text.trim() === '') return { ok: true, fields: { sectionId: null } };
      const options = ctx.sections.map((s) => ({ value: s.id, label: ctx.sectionPaths.get(s.id) ?? s.title }));
      // A pasted section may be its own title or its path.
      const byTitle = ctx.sections.find((s) => s.title.toLocaleLowerCase('en-GB') === text.trim().toLocaleLowerCase('en-GB'));
      if (byTitle) return { ok: true, fields: { sectionId: byTitle.id } };
      const chosen = choose(options, text, 'plan’s sections');
      return 'value' in chosen ? { ok: true, fields: { sectionId: chosen.value || null } } : chosen;
    },
    sortValue: (row, ctx) => {
      const id = row.value('sectionId');
      return id ? (ctx.sectionPaths.get(id) ?? '').toLocaleLowerCase('en-GB') : undefined;
    },
  },
];

/** The value Delete leaves in a cell. */
export function clearedFields(column: GridColumn, ctx: ColumnContext): Fields {
  const parsed = column.parse('', ctx);
  return parsed.ok ? parsed.fields : {};
}
