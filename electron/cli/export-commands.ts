// `jfp export PLAN --format ... --out FILE` and `jfp a11y FILE.docx`: the app's
// exports and its accessibility checker, for scripts and support. An export is
// the app's own startExport through the dispatcher: --out answers its save
// dialog, and a PDF is drawn from the same document as Word by the export job
// (pdf-writer.ts: no browser needed, #14). A board paper's cover
// sheet is the one saved in the app, with --cover FILE.json and --set
// field=value over it, checked before anything is written.
import fs from 'node:fs';
import path from 'node:path';
import { SECTION_STATUSES, type SectionStatus } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import { A11Y_RULES, type BoardPaperCover } from '../../shared/export';
import { checkAccessibility } from '../services/export/a11y-check';
import type { ExportJobResult } from '../services/export/export-job';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE, parseExportOptions } from '../services/export/index';
import { CliError, usageError, type CliCommand, type CommandContext, type CommandLine } from './command';

const FORMATS = ['docx', 'board-paper', 'html', 'pdf'] as const;
type CliFormat = (typeof FORMATS)[number];

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function describeResult(result: ExportJobResult): string {
  const lines = [
    `Saved ${result.outputPath} (${result.summary.sectionCount} sections, ${Math.max(1, Math.round(result.bytes / 1024))} KB, ${(result.elapsedMs / 1000).toFixed(1)} s).`,
  ];
  // A warning about the whole document (no section matched, comments left out of a web page) has no title to name.
  for (const warning of result.summary.warnings) lines.push(`Warning: ${warning.sectionTitle.trim() ? `${warning.sectionTitle}: ` : ''}${warning.message}`);
  if (result.accessibility) {
    lines.push(result.accessibility.ok ? 'Accessibility check passed.' : `Accessibility check found ${result.accessibility.problems.length} problems:`);
    for (const problem of result.accessibility.problems) lines.push(`  ${problem.message} (${problem.location})`);
  }
  return lines.join('\n');
}

/** The cover sheet values in a --cover file: a JSON object, read whole before anything is exported. */
function readCoverFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    if (fs.statSync(file).size > 5_000_000) throw new CliError(`${file} is too large for a cover sheet (5 MB at most).`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`The cover sheet file ${file} could not be read; check the name and that you may open it.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`The cover sheet file ${file} is not valid JSON (${error instanceof Error ? error.message : 'unreadable'}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`The cover sheet file ${file} must hold one JSON object of field names and their text, like {"agendaItem": "7.1"}.`);
  }
  return value as Record<string, unknown>;
}

/**
 * The board paper's cover sheet for this export: what was saved in the app,
 * then the --cover file, then each --set. Checked against the template here,
 * so a mistake is told before any file is written.
 */
async function boardPaperCover(context: CommandContext, line: CommandLine, planId: string): Promise<BoardPaperCover> {
  const { cover: saved } = await context.call('getExportSettings', { planId });
  const cover: Record<string, unknown> = { ...saved };
  const file = line.string('cover');
  if (file) Object.assign(cover, readCoverFile(path.resolve(file)));
  for (const assignment of line.strings('set')) {
    const at = assignment.indexOf('=');
    if (at < 1) throw usageError(`--set takes field=value, like --set agendaItem=7.1; not "${assignment.slice(0, 60)}".`);
    cover[assignment.slice(0, at).trim()] = assignment.slice(at + 1);
  }
  const plan = await context.call('getPlan', { planId });
  let missing: string[];
  try {
    missing = coverSheet(DEFAULT_BOARD_PAPER_TEMPLATE, cover, plan).missingFields;
  } catch (error) {
    if (error instanceof JfpError) throw new CliError(error.message);
    throw error;
  }
  if (missing.length && !line.flag('allow-incomplete')) {
    const keys = new Map(DEFAULT_BOARD_PAPER_TEMPLATE.fields.map((f) => [f.label, f.key]));
    throw new CliError(
      `The cover sheet is missing ${missing.length === 1 ? 'a required field' : `${missing.length} required fields`}: ${missing.map((label) => `${label} (${keys.get(label)})`).join(', ')}. ` +
        'Fill them with --cover FILE.json or --set field=value, or export anyway with --allow-incomplete.',
    );
  }
  return cover as BoardPaperCover;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a plan or a board paper as Word, a web page or PDF',
  // Reads only, so it never migrates or locks a file it exports from: the app records its exports in the
  // plan's audit trail; an export from the command line is not recorded (its database is opened read-only).
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    format: { type: 'string', required: true, choices: FORMATS, description: 'docx (the plan), board-paper (Word), html (accessible web page) or pdf' },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'Where to save; an existing file is replaced only once the export has succeeded' },
    status: { type: 'string', placeholder: 'LIST', description: `Only sections with these statuses, comma-separated (${SECTION_STATUSES.join(', ')})` },
    sections: { type: 'string', placeholder: 'IDS', description: 'Only these sections (ids, comma-separated), each with its subsections' },
    comments: { type: 'boolean', description: 'Include comment threads as Word comments (review copies)' },
    guidance: { type: 'boolean', description: "Include the template's guidance notes" },
    'strategy-table': { type: 'boolean', description: 'Include "How this plan delivers the integrated care strategy" (a table)' }, // #15
    cover: { type: 'string', placeholder: 'FILE', description: 'Board papers: cover sheet values from a JSON file, e.g. {"agendaItem": "7.1"}' },
    set: { type: 'string', multiple: true, placeholder: 'FIELD=VALUE', description: 'Board papers: one cover sheet value (repeat for more), over --cover' },
    'allow-incomplete': { type: 'boolean', description: 'Board papers: export even when required cover sheet fields are empty' },
  },
  details: [
    'Board papers use the cover sheet and house style last saved for the plan in the app; --cover and --set replace values for this export only.',
    'A board paper whose cover sheet misses required fields is refused (exit 1) unless --allow-incomplete is given.',
    `Cover sheet fields: ${DEFAULT_BOARD_PAPER_TEMPLATE.fields.map((f) => f.key).join(', ')}.`,
    'Word exports are checked with the accessibility checker (see jfp a11y).',
  ],
  examples: [
    'jfp export 3f2a --format docx --out plan.docx',
    'jfp export 3f2a --format pdf --out plan.pdf',
    'jfp export 3f2a --format board-paper --status approved --cover cover.json --set agendaItem=7.1 --out board.docx',
  ],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const format = line.string('format') as CliFormat;
    const out = path.resolve(line.string('out')!);
    const statuses = list(line.string('status'));
    const unknown = statuses.filter((s) => !(SECTION_STATUSES as readonly string[]).includes(s));
    if (unknown.length) throw usageError(`--status takes ${SECTION_STATUSES.join(', ')}; not ${unknown.join(', ')}.`);
    const sectionIds = list(line.string('sections'));
    if (sectionIds.length) {
      // A mistyped id would otherwise save a document with none of the plan's sections in it, and exit 0.
      const known = new Set((await context.call('listSections', { planId: plan.id })).map((s) => s.id));
      const unknownIds = sectionIds.filter((id) => !known.has(id));
      if (unknownIds.length)
        throw usageError(`"${plan.title}" has no section with the id ${unknownIds.join(', ')}; see the ids with jfp sections ${line.arg('PLAN')} --json.`);
    }
    const boardPaper = format === 'board-paper';
    if (!boardPaper && (line.string('cover') || line.strings('set').length || line.flag('allow-incomplete'))) {
      throw usageError('--cover, --set and --allow-incomplete are for board papers (--format board-paper).');
    }
    const cover = boardPaper ? await boardPaperCover(context, line, plan.id) : undefined;
    const options = {
      kind: boardPaper ? ('board_paper' as const) : ('plan' as const),
      ...(cover ? { cover } : {}),
      sections: { ...(statuses.length ? { statuses: statuses as SectionStatus[] } : {}), ...(sectionIds.length ? { sectionIds } : {}), withSubsections: true },
      includeComments: line.flag('comments'),
      includeGuidance: line.flag('guidance'),
      includeStrategyTable: line.flag('strategy-table'), // #15
    };
    // The options are checked as the export job checks them, so a bad --sections id is told in the job's words, as before.
    try {
      parseExportOptions({ ...options, format: format === 'docx' || format === 'board-paper' ? 'docx' : format });
    } catch (error) {
      if (error instanceof JfpError) throw new CliError(error.message);
      throw error;
    }
    const { jobId } = await context.call(
      'startExport',
      { planId: plan.id, format: format === 'docx' || format === 'board-paper' ? 'docx' : format, options },
      { saveTo: out },
    );
    // The save dialog is answered with --out, so a job always starts.
    if (!jobId) throw new CliError('The export did not start.');
    const result = await context.exportFinished(jobId);
    return { json: result, text: describeResult(result) };
  },
};

export const a11yCommand: CliCommand = {
  name: 'a11y',
  summary: 'Check a Word document for accessibility problems',
  readsOnly: true,
  args: [{ name: 'FILE', description: 'A .docx file, from this app or any other' }],
  details: [`Checks: ${Object.values(A11Y_RULES).join('; ')}.`, 'Exits with 1 when it finds problems, so scripts can stop a bad file.'],
  examples: ['jfp a11y "Board paper.docx"'],
  async run(_context, line) {
    const file = path.resolve(line.arg('FILE'));
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new CliError(`${file} could not be read; check the name and that you may open it.`);
    }
    let report;
    try {
      report = checkAccessibility(bytes);
    } catch (error) {
      if (error instanceof JfpError) throw new CliError(error.message);
      throw error;
    }
    const text = report.ok
      ? `${path.basename(file)}: no accessibility problems found.`
      : [
          `${path.basename(file)}: ${report.problems.length} accessibility problems:`,
          ...report.problems.map((p) => `  ${A11Y_RULES[p.rule]}: ${p.message} (${p.location})`),
        ].join('\n');
    return { json: report, text, exitCode: report.ok ? 0 : 1 };
  },
};
