// #16 versions from the command line: `jfp version`, `jfp versions`,
// `jfp compare`, `jfp restore-version` and `jfp refresh`. Each goes through the
// same contract methods as the app's Versions tab.
import path from 'node:path';
import { VERSION_KIND_LABELS, type SectionChange, type VersionComparison, type VersionSummary } from '../../shared/versions';
import { CliError, usageError, type CliCommand, type CommandContext } from './command';
import { formatTime, renderTable, shortIds } from './text-layout';

const PLAN_ARG = { name: 'PLAN', description: 'Plan id, or a unique start of it' };

/** A version by its id or a unique start of it; 'current' and 'previous' pass through for compare. */
async function resolveVersion(context: CommandContext, planId: string, reference: string, sides = false): Promise<string> {
  if (sides && (reference === 'current' || reference === 'previous')) return reference;
  const { versions } = await context.call('listVersions', { planId });
  // 'latest': the newest version, whatever its id (scripts, and undoing a restore just made).
  if (reference === 'latest' && versions[0]) return versions[0].id;
  const wanted = reference.trim().toLowerCase();
  const matches = wanted ? versions.filter((v) => v.id.startsWith(wanted)) : [];
  if (matches.length === 1) return matches[0]!.id;
  throw usageError(
    matches.length === 0
      ? `No version of this plan has an id starting "${reference}". List them with jfp versions PLAN${sides ? ', or use current or previous' : ''}.`
      : `"${reference}" is the start of ${matches.length} version ids; give more of it.`,
  );
}

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'Save a named version of a plan and print its id',
  args: [PLAN_ARG],
  options: {
    label: { type: 'string', placeholder: 'TEXT', description: 'The version’s label (at most 200 characters)', required: true },
    note: { type: 'string', placeholder: 'TEXT', description: 'A note saved with it' },
    reason: { type: 'string', placeholder: 'TEXT', description: 'Makes it a mid-year revision, with this reason' },
  },
  details: ['A version is a snapshot of the whole plan: sections, outline, delivery commitments, details and HWB opinions. With --json, the whole version.'],
  examples: ['jfp version 3f2a --label "Draft sent to HWBs, 14 Jan" --note "For the HWB round"'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const reason = line.string('reason');
    const saved = await context.call('saveVersion', {
      planId: plan.id,
      label: line.string('label') ?? '',
      ...(line.string('note') !== undefined ? { note: line.string('note') } : {}),
      ...(reason !== undefined ? { reason, kind: 'revision' as const } : {}),
    });
    return { json: saved, text: saved.id };
  },
};

export const versionsCommand: CliCommand = {
  name: 'versions',
  summary: "List a plan's versions, newest first",
  args: [PLAN_ARG],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const list = await context.call('listVersions', { planId: plan.id });
    const lead = list.previousPlan ? `Continues ${list.previousPlan.title}.\n` : '';
    if (list.versions.length === 0) return { json: list, text: `${lead}"${plan.title}" has no versions yet. Save one with jfp version PLAN --label TEXT.` };
    const short = shortIds(list.versions.map((v) => v.id));
    const text = renderTable<VersionSummary>(list.versions, [
      { heading: 'ID', value: (v) => short.get(v.id) ?? v.id },
      { heading: 'LABEL', value: (v) => v.label, max: 48 },
      { heading: 'KIND', value: (v) => VERSION_KIND_LABELS[v.kind] },
      { heading: 'BY', value: (v) => v.actor || '-', max: 40 },
      { heading: 'SAVED', value: (v) => formatTime(v.createdAt) },
      { heading: 'NOTE', value: (v) => v.reason || v.note || '-', max: 40 },
    ]);
    return { json: list, text: `${lead}${text}` };
  },
};

function sectionLine(s: SectionChange): string {
  const parts: string[] = [];
  if (s.changes.includes('added')) parts.push('added');
  if (s.changes.includes('removed')) parts.push('removed');
  if (s.changes.includes('moved')) parts.push(`moved ${s.movedFrom} ${s.movedTo}`);
  if (s.changes.includes('renamed')) parts.push(`renamed from “${s.oldTitle}”`);
  if (s.changes.includes('status')) parts.push(`status ${s.statusFrom} → ${s.statusTo}`);
  if (s.changes.includes('text')) parts.push(`text changed (+${s.wordsAdded} / -${s.wordsRemoved} words)`);
  return `  ${s.title}: ${parts.join('; ')}`;
}

export function describeComparison(c: VersionComparison): string {
  const lines = [`Comparing “${c.from.label}” with “${c.to.label}”.`];
  const s = c.summary;
  lines.push(
    `Sections: ${s.sectionsAdded} added, ${s.sectionsRemoved} removed, ${s.sectionsMoved} moved, ${s.sectionsRenamed} renamed, ${s.sectionsChanged} with changed text.`,
    `Commitments: ${s.commitmentsAdded} added, ${s.commitmentsRemoved} removed, ${s.commitmentsChanged} changed.`,
  );
  for (const f of c.planFields) lines.push(`Plan ${f.field.toLowerCase()}: “${f.from}” → “${f.to}”`);
  if (c.sections.length) lines.push('', 'Sections:', ...c.sections.map(sectionLine));
  if (c.commitments.length) {
    lines.push('', 'Commitments:');
    for (const commitment of c.commitments) {
      lines.push(`  ${commitment.title}: ${commitment.change}`);
      for (const f of commitment.fields) lines.push(`    ${f.field}: “${f.from}” → “${f.to}”`);
    }
  }
  return lines.join('\n');
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Show what changed between two versions of a plan (or a version and the current draft)',
  args: [
    PLAN_ARG,
    { name: 'A', description: 'The earlier side: a version id (or its start), latest, current, or previous (last year’s plan)' },
    { name: 'B', description: 'The later side, likewise' },
  ],
  options: { out: { type: 'string', placeholder: 'FILE', description: 'Also save the “What changed since” paper as a Word document' } },
  examples: ['jfp compare 3f2a 9b1c current', 'jfp compare 3f2a previous current --out what-changed.docx'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const from = await resolveVersion(context, plan.id, line.arg('A'), true);
    const to = await resolveVersion(context, plan.id, line.arg('B'), true);
    const comparison = await context.call('compareVersions', { planId: plan.id, from, to });
    let text = describeComparison(comparison);
    const out = line.string('out');
    if (out !== undefined) {
      const target = path.resolve(out);
      const { fileName } = await context.call('exportWhatChanged', { planId: plan.id, from, to }, { saveTo: target });
      if (!fileName) throw new CliError('The paper was not saved.');
      text += `\n\nSaved the paper to ${target}.`;
    }
    return { json: comparison, text };
  },
};

export const restoreVersionCommand: CliCommand = {
  name: 'restore-version',
  summary: 'Put a plan back as a version had it (a safety version is saved first)',
  args: [PLAN_ARG, { name: 'VERSION', description: 'A version id, a unique start of it, or latest' }],
  details: ['The plan as it is now is saved first as “Before restoring …”; restore that version to undo. Sections added since go to Recently deleted.'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const versionId = await resolveVersion(context, plan.id, line.arg('VERSION'));
    const result = await context.call('restoreVersion', { planId: plan.id, versionId });
    return {
      json: result,
      text: `Restored “${result.restored.label}”. The plan as it was is saved as “${result.safety.label}” (${result.safety.id}); restore that to undo.`,
    };
  },
};

export const refreshCommand: CliCommand = {
  name: 'refresh',
  summary: "Start next year's plan from this one and print its id",
  args: [PLAN_ARG],
  details: [
    "The new plan covers the next five years; every section is back to drafting; a “What changed since last year” section is added; commitments are carried with their latest actual as the new baseline; comments stay on this year's plan.",
  ],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const next = await context.call('startNextYearPlan', { planId: plan.id });
    return { json: next, text: next.id };
  },
};
