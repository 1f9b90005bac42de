// #16 compare: what changed between two snapshots of a plan. Sections and
// commitments are matched by id (across years by the id they were carried from),
// so a section that moved is reported as moved, not as removed plus added.
// Inside a changed section the words are compared by jsdiff's diffWords (a
// well-kept library: no diff algorithm of our own).
import { diffWords } from 'diff';
import { SECTION_STATUS_LABELS, RAG_LABELS, type RagStatus, type SectionStatus } from '../../../shared/domain';
import { formatFinancialYear } from '../../../shared/financial-year';
import type { CommitmentChange, DiffPart, FieldChange, SectionChange, VersionComparison } from '../../../shared/versions';
import type { PlanSnapshot, Row } from '../store/versions';

/** Unchanged runs longer than this many words are shortened to their ends (a 10,000-word section with one change stays readable). */
const CONTEXT_WORDS = 25;

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * Rewrites a snapshot's ids to the ids its rows were carried from (a refreshed
 * plan compared with last year's), keeping ids that were not carried.
 */
export function asCarriedFrom(snap: PlanSnapshot): PlanSnapshot {
  const sectionIds = new Map(snap.sections.map((s) => [s.id, s.carried_from ?? s.id]));
  const commitmentIds = new Map(snap.commitments.map((c) => [c.id, c.carried_from ?? c.id]));
  const mapSection = (id: unknown) => (id === null || id === undefined ? null : (sectionIds.get(id) ?? id));
  return {
    ...snap,
    sections: snap.sections.map((s) => ({ ...s, id: mapSection(s.id), parent_id: mapSection(s.parent_id) })),
    commitments: snap.commitments.map((c) => ({ ...c, id: commitmentIds.get(c.id) ?? c.id, section_id: mapSection(c.section_id) })),
    trajectory: snap.trajectory.map((t) => ({ ...t, commitment_id: commitmentIds.get(t.commitment_id) ?? t.commitment_id })),
    actuals: snap.actuals.map((a) => ({ ...a, commitment_id: commitmentIds.get(a.commitment_id) ?? a.commitment_id })),
  };
}

function wordsOf(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

/** Shortens an unchanged run to its first and last words around an ellipsis. */
function shorten(text: string, first: boolean, last: boolean): string {
  const words = text.split(/(\s+)/);
  const count = Math.ceil(words.length / 2);
  if (count <= CONTEXT_WORDS * 2) return text;
  const keep = CONTEXT_WORDS * 2; // tokens (words and the spaces between them)
  const head = first ? '' : words.slice(0, keep).join('');
  const tail = last ? '' : words.slice(-keep).join('');
  return `${head}${head ? ' ' : ''}…${tail ? ' ' : ''}${tail}`;
}

/**
 * Time the word diffs of one comparison may take in all. A section rewritten from end to end costs the
 * diff far more than an edited one (Myers is O(N x D)); past the budget a section is shown as its old
 * text removed and its new text added, which is what such a rewrite is to a reader anyway.
 */
export const DIFF_BUDGET_MS = 300;
/** Every section gets at least this long, however much of the budget is gone. */
const MIN_DIFF_MS = 20;

export function wordDiff(before: string, after: string, timeoutMs = DIFF_BUDGET_MS): { parts: DiffPart[]; added: number; removed: number } {
  const changes = diffWords(before, after, { timeout: Math.max(MIN_DIFF_MS, timeoutMs) });
  if (!changes) {
    return {
      parts: [
        { kind: 'removed', text: shorten(before, false, true) },
        { kind: 'added', text: shorten(after, false, true) },
      ],
      added: wordsOf(after),
      removed: wordsOf(before),
    };
  }
  let added = 0;
  let removed = 0;
  const parts: DiffPart[] = changes.map((change, i) => {
    if (change.added) {
      added += wordsOf(change.value);
      return { kind: 'added', text: change.value };
    }
    if (change.removed) {
      removed += wordsOf(change.value);
      return { kind: 'removed', text: change.value };
    }
    return { kind: 'same', text: shorten(change.value, i === 0, i === changes.length - 1) };
  });
  return { parts, added, removed };
}

interface Place {
  parentId: string | null;
  /** Index among the siblings that exist in both snapshots under the same parent. */
  order: number;
}

function titleIndex(sections: Row[]): Map<string, string> {
  return new Map(sections.map((s) => [str(s.id), str(s.title)]));
}

const parentName = (titles: Map<string, string>, parentId: string | null) => (parentId === null ? 'the top level' : `“${titles.get(parentId) ?? 'a removed section'}”`);

/** Each common section's order among common siblings with the same parent in both, so an insertion before it is not a move. */
function places(sections: Row[], common: Set<string>, sameParent: Set<string>): Map<string, Place> {
  const counters = new Map<string | null, number>();
  const out = new Map<string, Place>();
  // Snapshot sections are parents-first in outline order, so siblings come in order.
  for (const s of sections) {
    const id = str(s.id);
    if (!common.has(id) || !sameParent.has(id)) continue;
    const parentId = s.parent_id === null || s.parent_id === undefined ? null : str(s.parent_id);
    const n = counters.get(parentId) ?? 0;
    counters.set(parentId, n + 1);
    out.set(id, { parentId, order: n });
  }
  return out;
}

function compareSections(a: PlanSnapshot, b: PlanSnapshot): SectionChange[] {
  const deadline = performance.now() + DIFF_BUDGET_MS;
  const before = new Map(a.sections.map((s) => [str(s.id), s]));
  const after = new Map(b.sections.map((s) => [str(s.id), s]));
  const titlesA = titleIndex(a.sections);
  const titlesB = titleIndex(b.sections);
  const common = new Set([...after.keys()].filter((id) => before.has(id)));
  const sameParent = new Set([...common].filter((id) => str(before.get(id)!.parent_id) === str(after.get(id)!.parent_id)));
  const placeA = places(a.sections, common, sameParent);
  const placeB = places(b.sections, common, sameParent);
  const out: SectionChange[] = [];
  const blank = (id: string, title: string): SectionChange => ({
    id,
    title,
    changes: [],
    oldTitle: null,
    movedFrom: null,
    movedTo: null,
    statusFrom: null,
    statusTo: null,
    wordsAdded: 0,
    wordsRemoved: 0,
    diff: [],
  });
  // In the order of the later outline, then what was removed, in the earlier one's order.
  for (const s of b.sections) {
    const id = str(s.id);
    const old = before.get(id);
    const entry = blank(id, str(s.title));
    const text = str(s.plain_text);
    if (!old) {
      entry.changes.push('added');
      entry.wordsAdded = wordsOf(text);
      entry.diff = text ? [{ kind: 'added', text: shorten(text, false, true) }] : [];
      out.push(entry);
      continue;
    }
    const parentBefore = old.parent_id === null || old.parent_id === undefined ? null : str(old.parent_id);
    const parentAfter = s.parent_id === null || s.parent_id === undefined ? null : str(s.parent_id);
    const moved = parentBefore !== parentAfter || placeA.get(id)?.order !== placeB.get(id)?.order;
    if (moved) {
      entry.changes.push('moved');
      entry.movedFrom = parentBefore === parentAfter ? `within ${parentName(titlesA, parentBefore)}` : `from under ${parentName(titlesA, parentBefore)}`;
      entry.movedTo = parentBefore === parentAfter ? `to a new place within ${parentName(titlesB, parentAfter)}` : `to under ${parentName(titlesB, parentAfter)}`;
    }
    if (str(old.title) !== str(s.title)) {
      entry.changes.push('renamed');
      entry.oldTitle = str(old.title);
    }
    if (str(old.status) !== str(s.status)) {
      entry.changes.push('status');
      entry.statusFrom = SECTION_STATUS_LABELS[old.status as SectionStatus] ?? str(old.status);
      entry.statusTo = SECTION_STATUS_LABELS[s.status as SectionStatus] ?? str(s.status);
    }
    const oldText = str(old.plain_text);
    if (oldText !== text) {
      entry.changes.push('text');
      const diff = wordDiff(oldText, text, deadline - performance.now());
      entry.diff = diff.parts;
      entry.wordsAdded = diff.added;
      entry.wordsRemoved = diff.removed;
    }
    if (entry.changes.length) out.push(entry);
  }
  for (const s of a.sections) {
    const id = str(s.id);
    if (after.has(id)) continue;
    const entry = blank(id, str(s.title));
    const text = str(s.plain_text);
    entry.changes.push('removed');
    entry.wordsRemoved = wordsOf(text);
    entry.diff = text ? [{ kind: 'removed', text: shorten(text, false, true) }] : [];
    out.push(entry);
  }
  return out;
}

/** The fields of a commitment a reader compares, by column, with the label they know. */
const COMMITMENT_FIELDS: Array<[string, string, (v: unknown) => string]> = [
  ['commitment', 'Commitment', str],
  ['priority', 'Priority', str],
  ['metric', 'Metric', str],
  ['baseline', 'Baseline', str],
  ['baseline_value', 'Baseline value', str],
  ['baseline_date', 'Baseline date', str],
  ['baseline_source', 'Baseline source', str],
  ['target', 'Target', str],
  ['target_year', 'Target year', (v) => (v === null || v === undefined ? '' : formatFinancialYear(Number(v)))],
  ['guidance_year', 'Guidance year', str],
  ['lead_org', 'Lead organisation', str],
  ['place', 'Place', str],
  ['governance_group', 'Governance group', str],
  ['universal_area', 'NHS universal commitment', str],
  ['direction', 'Direction', (v) => (v === 'lower' ? 'Lower is better' : 'Higher is better')],
  ['rag', 'Status override', (v) => (v === 'not_set' || !v ? 'None' : (RAG_LABELS[v as RagStatus] ?? str(v)))],
  ['rag_override_reason', 'Reason for the status', str],
];

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    const k = str(row[key]);
    const list = out.get(k) ?? [];
    list.push(row);
    out.set(k, list);
  }
  return out;
}

function compareCommitments(a: PlanSnapshot, b: PlanSnapshot, sectionTitles: Map<string, string>): CommitmentChange[] {
  const before = new Map(a.commitments.map((c) => [str(c.id), c]));
  const after = new Map(b.commitments.map((c) => [str(c.id), c]));
  const trajA = groupBy(a.trajectory, 'commitment_id');
  const trajB = groupBy(b.trajectory, 'commitment_id');
  const actA = groupBy(a.actuals, 'commitment_id');
  const actB = groupBy(b.actuals, 'commitment_id');
  const name = (c: Row) => str(c.commitment) || str(c.metric) || 'Untitled commitment';
  const out: CommitmentChange[] = [];
  for (const c of b.commitments) {
    const id = str(c.id);
    const old = before.get(id);
    if (!old) {
      out.push({ id, title: name(c), change: 'added', fields: [] });
      continue;
    }
    const fields: FieldChange[] = [];
    for (const [column, label, show] of COMMITMENT_FIELDS) {
      const from = show(old[column]);
      const to = show(c[column]);
      if (from !== to) fields.push({ field: label, from, to });
    }
    const sectionFrom = old.section_id ? (sectionTitles.get(str(old.section_id)) ?? '') : '';
    const sectionTo = c.section_id ? (sectionTitles.get(str(c.section_id)) ?? '') : '';
    if (str(old.section_id) !== str(c.section_id)) fields.push({ field: 'Section', from: sectionFrom, to: sectionTo });
    // Trajectory: each year's planned value.
    const plannedA = new Map((trajA.get(id) ?? []).map((t) => [Number(t.year), str(t.planned)]));
    const plannedB = new Map((trajB.get(id) ?? []).map((t) => [Number(t.year), str(t.planned)]));
    const years = [...new Set([...plannedA.keys(), ...plannedB.keys()])].sort((x, y) => x - y);
    for (const year of years) {
      const from = plannedA.get(year) ?? '';
      const to = plannedB.get(year) ?? '';
      if (from !== to) fields.push({ field: `Planned ${formatFinancialYear(year)}`, from, to });
    }
    // Actuals: by date (a new measurement, a corrected one, one taken away).
    const actualKey = (r: Row) => str(r.date);
    const actualsA = new Map((actA.get(id) ?? []).map((r) => [actualKey(r), str(r.value)]));
    const actualsB = new Map((actB.get(id) ?? []).map((r) => [actualKey(r), str(r.value)]));
    for (const date of [...new Set([...actualsA.keys(), ...actualsB.keys()])].sort()) {
      const from = actualsA.get(date) ?? '';
      const to = actualsB.get(date) ?? '';
      if (from !== to) fields.push({ field: `Actual ${date}`, from, to });
    }
    if (fields.length) out.push({ id, title: name(c), change: 'changed', fields });
  }
  for (const c of a.commitments) if (!after.has(str(c.id))) out.push({ id: str(c.id), title: name(c), change: 'removed', fields: [] });
  return out;
}

const PLAN_FIELDS: Array<[string, string]> = [
  ['title', 'Title'],
  ['icb_name', 'ICB'],
  ['start_year', 'First year'],
  ['protective_marking', 'Protective marking'],
  ['partner_trusts', 'Partner trusts'],
  ['places', 'Places'],
];

function listText(value: unknown): string {
  try {
    const parsed: unknown = JSON.parse(str(value));
    return Array.isArray(parsed) ? parsed.join(', ') : str(value);
  } catch {
    return str(value);
  }
}

export function compareSnapshots(
  a: PlanSnapshot,
  b: PlanSnapshot,
  labels: { from: { ref: string; label: string }; to: { ref: string; label: string } },
): VersionComparison {
  const planFields: FieldChange[] = [];
  for (const [column, label] of PLAN_FIELDS) {
    const show = column === 'partner_trusts' || column === 'places' ? listText : column === 'start_year' ? (v: unknown) => formatFinancialYear(Number(v)) : str;
    const from = show(a.plan[column]);
    const to = show(b.plan[column]);
    if (from !== to) planFields.push({ field: label, from, to });
  }
  const sections = compareSections(a, b);
  const titles = new Map([...titleIndex(a.sections), ...titleIndex(b.sections)]);
  const commitments = compareCommitments(a, b, titles);
  const count = (kind: SectionChange['changes'][number]) => sections.filter((s) => s.changes.includes(kind)).length;
  return {
    from: labels.from,
    to: labels.to,
    planFields,
    sections,
    commitments,
    summary: {
      sectionsAdded: count('added'),
      sectionsRemoved: count('removed'),
      sectionsMoved: count('moved'),
      sectionsRenamed: count('renamed'),
      sectionsChanged: count('text'),
      commitmentsAdded: commitments.filter((c) => c.change === 'added').length,
      commitmentsRemoved: commitments.filter((c) => c.change === 'removed').length,
      commitmentsChanged: commitments.filter((c) => c.change === 'changed').length,
    },
  };
}

/** One sentence per kind of change, for a summary line, the refreshed plan's "What changed" section and the CLI. */
export function summarySentences(comparison: VersionComparison): string[] {
  const s = comparison.summary;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const out: string[] = [];
  if (s.sectionsAdded) out.push(`${n(s.sectionsAdded, 'section', 'sections')} added.`);
  if (s.sectionsRemoved) out.push(`${n(s.sectionsRemoved, 'section', 'sections')} removed.`);
  if (s.sectionsMoved) out.push(`${n(s.sectionsMoved, 'section', 'sections')} moved.`);
  if (s.sectionsRenamed) out.push(`${n(s.sectionsRenamed, 'section', 'sections')} renamed.`);
  if (s.sectionsChanged) out.push(`${n(s.sectionsChanged, 'section’s text', 'sections’ text')} changed.`);
  if (s.commitmentsAdded) out.push(`${n(s.commitmentsAdded, 'commitment', 'commitments')} added.`);
  if (s.commitmentsRemoved) out.push(`${n(s.commitmentsRemoved, 'commitment', 'commitments')} removed.`);
  if (s.commitmentsChanged) out.push(`${n(s.commitmentsChanged, 'commitment', 'commitments')} changed.`);
  if (comparison.planFields.length) out.push(`The plan’s details changed: ${comparison.planFields.map((f) => f.field.toLowerCase()).join(', ')}.`);
  return out.length ? out : ['Nothing changed.'];
}
