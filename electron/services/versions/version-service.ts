// #16 versions: saving, opening, comparing and restoring named versions of a
// plan, automatic versions at key moments, and starting next year's plan.
import type { Plan } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { formatFinancialYear, isInPeriod, planYears } from '../../../shared/financial-year';
import { listItemNode, listNode, paragraphNode, readContent, serializeContent, textNode, type SerializedNode } from '../../../shared/lexical-json';
import { CURRENT, PREVIOUS, type VersionComparison, type VersionKind, type VersionSectionView, type VersionSummary, type VersionView } from '../../../shared/versions';
import type { Store } from '../store';
import { newId } from '../store/ids';
import type { NewSection } from '../store/sections';
import type { PlanSnapshot, Row } from '../store/versions';
import { asCarriedFrom, compareSnapshots, summarySentences } from './compare';

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export const WHAT_CHANGED_TITLE = 'What changed since last year';

/** Saves a named version (one store.write with its audit event). A mid-year revision needs its reason. */
export function saveVersion(store: Store, input: { planId: string; label: string; note?: string; reason?: string; kind?: VersionKind }): VersionSummary {
  const kind = input.kind ?? 'manual';
  if (kind === 'revision' && !input.reason?.trim()) throw new JfpError('invalid_input', 'Give the reason for this mid-year revision.');
  return store.write(() => {
    store.plans.assertEditable(input.planId);
    const saved = store.versions.save(input.planId, { label: input.label, note: input.note, reason: kind === 'revision' ? input.reason : '', kind });
    const what = kind === 'revision' ? 'A mid-year revision' : 'A version';
    store.events.record(input.planId, 'version_saved', `${what} “${saved.label}” was saved.`, { versionId: saved.id, kind, reason: saved.reason });
    return saved;
  });
}

/**
 * A version taken without being asked, at a key moment (marked final, review pack sent, board paper
 * exported). Review copies keep no versions. Runs in the caller's write, or its own.
 */
export function saveAutomaticVersion(store: Store, planId: string, label: string): VersionSummary | null {
  // A command that only reads (jfp export) opens the file read-only, maybe of an older schema: it exports without a version.
  if (store.readonly) return null;
  return store.write(() => {
    if (store.plans.get(planId).isReviewCopy) return null;
    const saved = store.versions.save(planId, { label: label.slice(0, 200), kind: 'automatic' });
    store.events.record(planId, 'version_saved', `A version “${saved.label}” was saved automatically.`, { versionId: saved.id, kind: 'automatic' });
    return saved;
  });
}

function versionOf(store: Store, planId: string, versionId: string) {
  const found = store.versions.read(versionId);
  if (found.summary.planId !== planId) throw new JfpError('not_found', 'That version belongs to another plan.');
  return found;
}

/**
 * Puts the plan back as the version had it, in one store.write: first a "Before restoring" version of
 * the plan as it is (so the restore can itself be undone by restoring that), then the rows.
 */
export function restoreVersion(store: Store, planId: string, versionId: string): { restored: VersionSummary; safety: VersionSummary } {
  return store.write(() => {
    store.plans.assertEditable(planId);
    const { summary, snapshot } = versionOf(store, planId, versionId);
    const safety = store.versions.save(planId, { label: `Before restoring ${summary.label}`.slice(0, 200), kind: 'before-restore' });
    const result = store.versions.restore(planId, snapshot);
    store.events.record(planId, 'version_restored', `The version “${summary.label}” was restored; the plan as it was is kept as “${safety.label}”.`, {
      versionId,
      safetyVersionId: safety.id,
      ...result,
    });
    return { restored: summary, safety };
  });
}

export function listVersions(store: Store, planId: string) {
  store.plans.assertExists(planId);
  return { versions: store.versions.list(planId), previousPlan: store.versions.previousOf(planId), nextPlans: store.versions.nextOf(planId) };
}

/** A version's outline and headline facts, for opening it read-only. */
export function viewVersion(store: Store, planId: string, versionId: string): VersionView {
  const { summary, snapshot } = versionOf(store, planId, versionId);
  const depth = new Map<string, number>();
  const outline = snapshot.sections.map((s) => {
    const d = s.parent_id ? (depth.get(str(s.parent_id)) ?? 0) + 1 : 1;
    depth.set(str(s.id), d);
    return { id: str(s.id), parentId: s.parent_id ? str(s.parent_id) : null, depth: d, title: str(s.title), status: str(s.status), wordCount: Number(s.word_count) || 0 };
  });
  const p = snapshot.plan;
  return {
    version: summary,
    plan: { title: str(p.title), icbName: str(p.icb_name), startYear: Number(p.start_year), endYear: Number(p.end_year) },
    outline,
    commitmentCount: snapshot.commitments.length,
  };
}

export function viewVersionSection(store: Store, planId: string, versionId: string, sectionId: string): VersionSectionView {
  const { snapshot } = versionOf(store, planId, versionId);
  const section = snapshot.sections.find((s) => s.id === sectionId);
  if (!section) throw new JfpError('not_found', 'That section is not in this version.');
  return { id: sectionId, title: str(section.title), content: str(section.content), plainText: str(section.plain_text) };
}

/** A compare side: 'current', 'previous' (last year's plan as it is now, ids matched by carrying) or a version id. */
function side(store: Store, planId: string, ref: string): { snapshot: PlanSnapshot; label: string; acrossYears: boolean } {
  if (ref === CURRENT) return { snapshot: store.versions.snapshot(planId), label: 'Current draft', acrossYears: false };
  if (ref === PREVIOUS) {
    const previous = store.versions.previousOf(planId);
    if (!previous) throw new JfpError('not_found', 'This plan was not started from last year’s plan, so there is no previous plan to compare with.');
    return { snapshot: store.versions.snapshot(previous.id), label: `Last year’s plan (${previous.title})`, acrossYears: true };
  }
  const { summary, snapshot } = versionOf(store, planId, ref);
  return { snapshot, label: summary.label, acrossYears: false };
}

/** Compares two sides; both are read in one read transaction, so a save in between cannot mix two moments. */
export function compareVersions(store: Store, planId: string, from: string, to: string): VersionComparison {
  store.plans.assertExists(planId);
  const [a, b] = store.read(() => [side(store, planId, from), side(store, planId, to)] as const);
  // Across years the newer plan's rows are matched by the ids they were carried from.
  const acrossYears = a.acrossYears !== b.acrossYears;
  const before = acrossYears && !a.acrossYears ? asCarriedFrom(a.snapshot) : a.snapshot;
  const after = acrossYears && !b.acrossYears ? asCarriedFrom(b.snapshot) : b.snapshot;
  return compareSnapshots(before, after, { from: { ref: from, label: a.label }, to: { ref: to, label: b.label } });
}

// ---------------------------------------------------------------- annual refresh

/** Moves every "2026/27" in a title on a year; a title without one gains the new period. */
export function nextYearTitle(title: string, startYear: number): string {
  let found = false;
  const moved = title.replace(/\b(\d{4})\/(\d{2})\b/g, (whole, y: string, yy: string) => {
    const year = Number(y);
    if ((year + 1) % 100 !== Number(yy)) return whole;
    found = true;
    return formatFinancialYear(year + 1);
  });
  const next = found ? moved : `${title} ${formatFinancialYear(startYear + 1)} to ${formatFinancialYear(startYear + 5)}`;
  return next.length > 200 ? next.slice(0, 200).trimEnd() : next;
}

/** Content without comment marks: last year's threads are not carried (they stay on last year's plan). */
function withoutMarks(content: string): string {
  const read = readContent(content);
  if (!read.ok) return content;
  const unwrap = (node: SerializedNode): SerializedNode => {
    if (!node.children) return node;
    const children: SerializedNode[] = [];
    for (const child of node.children) {
      if (child.type === 'mark') children.push(...(child.children ?? []).map(unwrap));
      else children.push(unwrap(child));
    }
    return { ...node, children };
  };
  return JSON.stringify({ ...read.state, root: unwrap(read.state.root) });
}

function whatChangedContent(planTitle: string, comparison: VersionComparison | null): string {
  const blocks: SerializedNode[] = [];
  if (!comparison) {
    blocks.push(paragraphNode([textNode(`This plan continues ${planTitle}. Say here what has changed since last year's plan and why.`)]));
    return serializeContent(blocks);
  }
  blocks.push(paragraphNode([textNode(`This plan continues ${planTitle}. Since ${comparison.from.label}:`)]));
  blocks.push(
    listNode(
      'bullet',
      summarySentences(comparison).map((s) => listItemNode([textNode(s)])),
    ),
  );
  const named = comparison.sections.filter((s) => s.changes.some((c) => c !== 'status')).slice(0, 40);
  if (named.length) {
    blocks.push(paragraphNode([textNode('Sections that changed:')]));
    blocks.push(
      listNode(
        'bullet',
        named.map((s) =>
          listItemNode([
            textNode(
              `${s.title}: ${s.changes
                .filter((c) => c !== 'status')
                .map((c) => (c === 'text' ? 'text changed' : c))
                .join(', ')}`,
            ),
          ]),
        ),
      ),
    );
  }
  blocks.push(paragraphNode([textNode('Review this summary and explain the reasons for the main changes.')]));
  return serializeContent(blocks);
}

/**
 * Starts next year's plan from this one: the period moved on a year, every section back to drafting,
 * a "What changed since last year" section, commitments carried with their latest actual as the new
 * baseline, comments not carried, and a link back to this plan.
 */
export function startNextYearPlan(store: Store, planId: string): Plan {
  return store.write(() => {
    store.plans.assertEditable(planId);
    const plan = store.plans.get(planId);
    const snap = store.versions.snapshot(planId);
    // The summary: what changed during this plan's own year (since last year's plan, or its first version).
    let comparison: VersionComparison | null = null;
    const oldest = store.versions.list(planId).at(-1);
    if (store.versions.previousOf(planId)) comparison = compareVersions(store, planId, PREVIOUS, CURRENT);
    else if (oldest) comparison = compareVersions(store, planId, oldest.id, CURRENT);

    const newIds = new Map<string, string>();
    for (const s of snap.sections) newIds.set(str(s.id), newId());
    const byParent = new Map<string | null, Row[]>();
    for (const s of snap.sections) {
      const parent = s.parent_id ? str(s.parent_id) : null;
      byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
    }
    const tree = (parentId: string | null): NewSection[] =>
      (byParent.get(parentId) ?? []).map((s) => ({
        id: newIds.get(str(s.id)),
        title: str(s.title),
        content: withoutMarks(str(s.content)),
        guidance: str(s.guidance),
        expectedContent: JSON.parse(str(s.expected_content) || '[]') as string[],
        checklist: JSON.parse(str(s.checklist) || '[]') as string[],
        templateKey: s.template_key ? str(s.template_key) : undefined,
        status: 'drafting',
        owner: str(s.owner),
        children: tree(str(s.id)),
      }));
    const sections = tree(null);
    const whatChanged: NewSection = { title: WHAT_CHANGED_TITLE, content: whatChangedContent(plan.title, comparison), status: 'drafting' };
    const intro = sections.findIndex((s) => /introduction/i.test(s.title));
    sections.splice(intro >= 0 ? intro + 1 : sections.length, 0, whatChanged);

    const startYear = plan.startYear + 1;
    const nextId = store.createPlan(
      {
        title: nextYearTitle(plan.title, plan.startYear),
        icbName: plan.icbName,
        startYear,
        templateId: plan.templateId,
        protectiveMarking: plan.protectiveMarking,
        partnerTrusts: plan.partnerTrusts,
        places: plan.places,
      },
      sections,
    );
    for (const [from, to] of newIds) store.versions.markCarried('section', to, from);
    store.versions.linkPrevious(nextId, planId);

    // Priorities, then commitments with this year's outturn as next year's baseline.
    const priorityIds = new Map<string, string>();
    for (const p of snap.priorities) {
      const added = store.priorities.add(nextId, {
        title: str(p.title),
        description: str(p.description),
        source: str(p.source),
        governanceGroup: str(p.governance_group),
      });
      priorityIds.set(str(p.id), added.id);
    }
    const period = { startYear, endYear: startYear + 4 };
    const years = new Set(planYears(startYear));
    const latestActual = new Map<string, Row>();
    for (const a of snap.actuals) {
      const current = latestActual.get(str(a.commitment_id));
      if (!current || str(a.date) >= str(current.date)) latestActual.set(str(a.commitment_id), a);
    }
    for (const c of snap.commitments) {
      const id = str(c.id);
      const outturn = latestActual.get(id);
      const targetYear = c.target_year === null || c.target_year === undefined ? null : Number(c.target_year);
      const added = store.commitments.add(nextId, {
        sectionId: c.section_id ? (newIds.get(str(c.section_id)) ?? null) : null,
        priorityId: c.priority_id ? (priorityIds.get(str(c.priority_id)) ?? null) : null,
        commitment: str(c.commitment),
        metric: str(c.metric),
        baseline: outturn ? `${str(outturn.value)} (${str(outturn.date)})` : str(c.baseline),
        target: str(c.target),
        targetYear: targetYear !== null && isInPeriod(targetYear, period) ? targetYear : null,
        guidanceYear: str(c.guidance_year),
        leadOrg: str(c.lead_org),
        universalArea: str(c.universal_area),
        place: str(c.place),
        governanceGroup: str(c.governance_group),
        direction: c.direction === 'lower' ? 'lower' : 'higher',
        baselineValue: outturn ? Number(outturn.value) : c.baseline_value === null || c.baseline_value === undefined ? null : Number(c.baseline_value),
        baselineDate: outturn ? str(outturn.date) : c.baseline_date ? str(c.baseline_date) : null,
        baselineSource: outturn
          ? `Outturn carried from ${plan.title}: the latest actual, ${str(outturn.date)}${outturn.source ? ` (${str(outturn.source)})` : ''}.`.slice(0, 2000)
          : str(c.baseline_source),
        trajectory: snap.trajectory
          .filter((t) => str(t.commitment_id) === id && years.has(Number(t.year)))
          .map((t) => ({ year: Number(t.year), planned: t.planned === null || t.planned === undefined ? null : Number(t.planned) })),
      });
      store.versions.markCarried('commitment', added.id, id);
    }
    store.events.record(planId, 'plan_updated', `Next year's plan “${store.plans.get(nextId).title}” was started from this plan.`, { nextPlanId: nextId });
    return store.plans.get(nextId);
  });
}
