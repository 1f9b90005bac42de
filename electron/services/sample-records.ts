// #15 The sample plan's records beside its text (templates/sample-records.json):
// its Health and Wellbeing Boards and their opinions, its engagement
// activities, and which of its priorities come from the integrated care
// strategy and which sections deliver them. Added when the sample is created.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OPINION_STAGES, PROPER_ACCOUNT_ANSWERS } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import type { Store } from './store';

export const SAMPLE_RECORDS_FILE = 'sample-records.json';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().max(max);

export const sampleRecordsSchema = z
  .object({
    boards: z.array(
      z
        .object({
          name: z.string().min(1).max(200),
          places: z.array(z.string().min(1).max(200)),
          draftSentOn: date.nullable(),
          opinion: z
            .object({
              receivedOn: date.nullable(),
              opinionOn: z.enum(OPINION_STAGES),
              takesProperAccount: z.enum(PROPER_ACCOUNT_ANSWERS),
              text: z.string().min(1).max(20_000),
            })
            .strict()
            .nullable(),
          sharedWithNhseOn: date.nullable(),
        })
        .strict(),
    ),
    engagement: z.array(
      z
        .object({
          startsOn: date.nullable(),
          endsOn: date.nullable(),
          method: z.string().min(1).max(200),
          audience: text(2000),
          reach: z.number().int().min(0).nullable(),
          partners: text(2000),
          heard: text(20_000),
        })
        .strict(),
    ),
    strategy: z.array(z.object({ priority: z.string().min(1).max(200), sourceDate: date.nullable(), sections: z.array(z.string().min(1)) }).strict()),
  })
  .strict();
export type SampleRecords = z.infer<typeof sampleRecordsSchema>;

/** Reads and validates the sample's records; the error names the file. */
export function loadSampleRecords(dir: string): SampleRecords {
  const file = path.join(dir, SAMPLE_RECORDS_FILE);
  try {
    return sampleRecordsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    const issue = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues?.[0];
    const problem = issue ? `at ${issue.path.map(String).join('.')}: ${issue.message}` : (error as Error).message;
    throw new JfpError('io_error', `The sample plan's records file ${file} could not be used: ${problem}.`);
  }
}

/** Adds the records to a new sample plan, in the caller's write transaction; the plan's own boards (one per place) give way to the sample's. */
export function addSampleRecords(store: Store, planId: string, records: SampleRecords): void {
  for (const board of store.opinions.list(planId)) store.opinions.delete(board.id);
  for (const entry of records.boards) {
    const fields = { name: entry.name, places: entry.places, draftSentOn: entry.draftSentOn, sharedWithNhseOn: null, finalSentOn: null };
    const board = store.opinions.add(planId, fields);
    if (!entry.opinion) continue;
    const { text: opinion, ...given } = entry.opinion;
    store.opinions.saveOpinion(board.id, { ...given, opinion });
    // Shared with NHS England only once the opinion is recorded.
    if (entry.sharedWithNhseOn) store.opinions.update(board.id, { ...fields, sharedWithNhseOn: entry.sharedWithNhseOn });
  }
  for (const activity of records.engagement) store.engagement.add(planId, activity);
  const sections = store.sections.idsByTemplateKey(planId);
  for (const item of records.strategy) {
    const priority = store.priorities.findByTitle(planId, item.priority);
    if (!priority) throw new JfpError('io_error', `The sample's records name a strategy priority the sample does not have: ${item.priority}.`);
    store.strategy.setDetails(priority.id, true, item.sourceDate);
    for (const key of item.sections) {
      const sectionId = sections.get(key);
      if (!sectionId) throw new JfpError('io_error', `The sample's records link a priority to a section the template does not have: ${key}.`);
      store.strategy.setSectionLink(sectionId, priority.id, true);
    }
  }
}
