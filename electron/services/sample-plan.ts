// The fictional sample plan a new user can open to see a finished Joint
// Forward Plan: built from the JFP template, filled with the content in
// templates/sample-plan.json (written in a small block format and turned into
// Lexical's serialized JSON here), with statuses, owners and delivery
// commitments. Every call creates a fresh, independent copy.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { COMMITMENT_DIRECTIONS, PROPER_ACCOUNT_ANSWERS, PROTECTIVE_MARKINGS, RAG_STATUSES, SECTION_STATUSES, type Plan } from '../../shared/domain';
import { PLAN_LENGTH_YEARS, planYears } from '../../shared/financial-year';
import { JfpError } from '../../shared/errors';
import {
  HEADER_STATE,
  headingNode,
  linkNode,
  listItemNode,
  listNode,
  paragraphNode,
  quoteNode,
  serializeContent,
  tableCellNode,
  tableNode,
  tableRowNode,
  TEXT_FORMAT,
  textNode,
  type SerializedNode,
} from '../../shared/lexical-json';
import { addPriorityChapters } from './priority-chapters';
import type { TemplateCatalogue } from './template-catalogue';
import { addSampleRecords, loadSampleRecords } from './sample-records'; // #15 part 2 sample records
import type { Store } from './store';
import type { NewSection } from './store/sections';

export const SAMPLE_PLAN_FILE = 'sample-plan.json';

// ---- The block format the sample's text is written in ----------------------
// A block is a paragraph (a string), a heading, a bullet or numbered list, a
// quote or a table whose first row is the header row. Inside any text,
// **bold**, *italic* and [link text](https://...) are understood.

const inlineText = z.string().min(1).max(5000);
export const blockSchema = z.union([
  inlineText,
  z.object({ h2: inlineText }).strict(),
  z.object({ h3: inlineText }).strict(),
  z.object({ h4: inlineText }).strict(),
  z.object({ bullets: z.array(inlineText).min(1) }).strict(),
  z.object({ numbers: z.array(inlineText).min(1), start: z.number().int().min(1).optional() }).strict(),
  z.object({ quote: inlineText }).strict(),
  z
    .object({ table: z.array(z.array(z.string().max(2000)).min(1)).min(2) })
    .strict()
    .refine((b) => b.table.every((row) => row.length === b.table[0]!.length), 'Every row of a table needs the same number of cells'),
]);
export type Block = z.infer<typeof blockSchema>;

const sampleSectionSchema = z
  .object({
    status: z.enum(SECTION_STATUSES).optional(),
    owner: z.string().max(120).optional(),
    blocks: z.array(blockSchema).optional(),
  })
  .strict();

const sampleCommitmentSchema = z
  .object({
    /** Template key of the section the commitment belongs to. */
    section: z.string().nullable(),
    /** The title of one of the sample's priorities. */
    priority: z.string().max(200),
    commitment: z.string().max(2000),
    metric: z.string().max(2000),
    baseline: z.string().max(2000),
    target: z.string().max(2000),
    targetYear: z.number().int().nullable(),
    guidanceYear: z.string().max(40),
    leadOrg: z.string().max(2000),
    // #11 delivery table
    governanceGroup: z.string().max(200),
    universalArea: z.string().max(200),
    place: z.string().max(200),
    direction: z.enum(COMMITMENT_DIRECTIONS),
    baselineValue: z.number().nullable(),
    baselineDate: z.string().max(10).nullable(),
    baselineSource: z.string().max(2000),
    /** Planned values for the plan's five years, in order (null = none planned). */
    trajectory: z.array(z.number().nullable()).length(PLAN_LENGTH_YEARS),
    actuals: z.array(z.object({ date: z.string().max(10), value: z.number(), source: z.string().max(2000) }).strict()),
    ragOverride: z.enum(RAG_STATUSES).optional(),
    ragOverrideReason: z.string().max(2000).optional(),
  })
  .strict();

const samplePrioritySchema = z
  .object({
    title: z.string().min(1).max(200),
    description: z.string().max(2000),
    source: z.string().max(200),
    governanceGroup: z.string().max(200),
    /** #15 the priority has its own chapter under "Our system priorities" (the chapters come first, in order). */
    chapter: z.boolean().optional(),
  })
  .strict();

// #15 the boards' opinions, kept as the HWB record (not as plan sections: the export prints them in one appendix).
const sampleOpinionSchema = z
  .object({
    board: z.string().min(1).max(200),
    receivedOn: z.string().max(10).nullable(),
    opinion: z.string().max(5000),
    takesProperAccount: z.enum(PROPER_ACCOUNT_ANSWERS),
  })
  .strict();

export const samplePlanSchema = z
  .object({
    templateId: z.string().min(1),
    title: z.string().min(1).max(200),
    icbName: z.string().min(1).max(200),
    startYear: z.number().int(),
    protectiveMarking: z.enum(PROTECTIVE_MARKINGS),
    partnerTrusts: z.array(z.string().min(1).max(200)),
    places: z.array(z.string().min(1).max(200)),
    /** Content by template key; repeated place sections use "key@place-slug". */
    sections: z.record(z.string(), sampleSectionSchema),
    priorities: z.array(samplePrioritySchema),
    hwbOpinions: z.array(sampleOpinionSchema),
    commitments: z.array(sampleCommitmentSchema),
  })
  .strict();
export type SamplePlan = z.infer<typeof samplePlanSchema>;

// ---- The blocks as Lexical's serialized nodes (shared/lexical-json.ts writes them) ----

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;

/** "Our **bold** aim, see [the Act](https://...)" -> text, bold text and link nodes. */
export function inlineNodes(source: string): SerializedNode[] {
  const out: SerializedNode[] = [];
  let at = 0;
  for (const m of source.matchAll(INLINE)) {
    if (m.index > at) out.push(textNode(source.slice(at, m.index)));
    if (m[1] !== undefined) out.push(textNode(m[1], TEXT_FORMAT.bold));
    else if (m[2] !== undefined) out.push(textNode(m[2], TEXT_FORMAT.italic));
    else out.push(linkNode(m[4]!, [textNode(m[3]!)]));
    at = m.index + m[0].length;
  }
  if (at < source.length) out.push(textNode(source.slice(at)));
  return out;
}

const list = (items: string[], listType: 'bullet' | 'number', start = 1) =>
  listNode(
    listType,
    items.map((item) => listItemNode(inlineNodes(item))),
    start,
  );

const table = (rows: string[][]) =>
  tableNode(rows.map((cells, r) => tableRowNode(cells.map((cell) => tableCellNode([paragraphNode(inlineNodes(cell))], r === 0 ? HEADER_STATE.row : 0)))));

function blockNode(block: Block): SerializedNode {
  if (typeof block === 'string') return paragraphNode(inlineNodes(block));
  if ('h2' in block) return headingNode('h2', inlineNodes(block.h2));
  if ('h3' in block) return headingNode('h3', inlineNodes(block.h3));
  if ('h4' in block) return headingNode('h4', inlineNodes(block.h4));
  if ('bullets' in block) return list(block.bullets, 'bullet');
  if ('numbers' in block) return list(block.numbers, 'number', block.start);
  if ('quote' in block) return quoteNode(inlineNodes(block.quote));
  return table(block.table);
}

/** Section content (Lexical serialized editor state, as a JSON string) from blocks. */
export function contentFromBlocks(blocks: Block[]): string {
  return serializeContent(blocks.map(blockNode));
}

// ---- Loading and creating ----------------------------------------------------

/** Reads and validates the sample's content file; the error names the file. */
export function loadSamplePlan(dir: string): SamplePlan {
  const file = path.join(dir, SAMPLE_PLAN_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new JfpError('io_error', `The sample plan's content (${file}) could not be read: ${(error as Error).message}`);
  }
  try {
    return samplePlanSchema.parse(JSON.parse(raw));
  } catch (error) {
    const issue = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues?.[0];
    const problem = issue ? `at ${issue.path.map(String).join('.')}: ${issue.message}` : (error as Error).message;
    throw new JfpError('io_error', `The sample plan's content file ${file} is not valid: ${problem}.`);
  }
}

/** Fills the template's sections with the sample's content; every key in the sample must exist in the tree. */
export function fillSections(tree: NewSection[], sample: SamplePlan): NewSection[] {
  const unused = new Set(Object.keys(sample.sections));
  const fill = (section: NewSection): NewSection => {
    const key = section.templateKey ?? '';
    const content = sample.sections[key];
    unused.delete(key);
    return {
      ...section,
      ...(content?.blocks ? { content: contentFromBlocks(content.blocks) } : {}),
      status: content?.status ?? (content?.blocks ? 'drafting' : 'not_started'),
      owner: content?.owner ?? '',
      children: (section.children ?? []).map(fill),
    };
  };
  const filled = tree.map(fill);
  if (unused.size > 0) {
    throw new JfpError('io_error', `The sample plan has content for sections the template does not have: ${[...unused].join(', ')}.`);
  }
  return filled;
}

/** Creates a fresh copy of the sample plan, with its sections and commitments, in one write transaction. */
export function createSamplePlan(store: Store, templates: TemplateCatalogue, sample: SamplePlan = loadSamplePlan(templates.dir)): Plan {
  const chapters = sample.priorities.filter((p) => p.chapter).map((p) => p.title);
  const tree = fillSections(templates.sectionsFor(sample.templateId, { places: sample.places, priorities: chapters }), sample);
  const records = loadSampleRecords(templates.dir); // #15 part 2 sample records
  return store.write(() => {
    const planId = store.createPlan(
      {
        title: sample.title,
        icbName: sample.icbName,
        startYear: sample.startYear,
        templateId: sample.templateId,
        protectiveMarking: sample.protectiveMarking,
        partnerTrusts: sample.partnerTrusts,
        places: sample.places,
      },
      tree,
    );
    const ids = store.sections.idsByTemplateKey(planId);
    addPriorityChapters(store, planId, sample.priorities, chapters.length);
    // The boards and their opinions come from sample-records.json (addSampleRecords below).
    const years = planYears(sample.startYear);
    const added = store.commitments.addMany(
      planId,
      sample.commitments.map(({ section, actuals: _actuals, trajectory, ...fields }) => {
        const sectionId = section === null ? null : ids.get(section);
        if (sectionId === undefined) throw new JfpError('io_error', `A sample commitment refers to a section the template does not have: ${section}.`);
        return { ...fields, sectionId, trajectory: trajectory.map((planned, i) => ({ year: years[i]!, planned })) };
      }),
    );
    added.forEach((commitment, i) => {
      for (const actual of sample.commitments[i]!.actuals) store.commitments.addActual(commitment.id, actual);
    });
    addSampleRecords(store, planId, records); // #15 part 2 sample records
    return store.plans.get(planId);
  });
}
