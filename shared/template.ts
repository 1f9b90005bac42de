// What a plan template file (templates/*.template.json) must look like: the
// section tree with guidance for each section, and the catalogue of statutory
// checklist items the sections refer to. Templates are data because the rules
// and NHS England's expectations change every year; this schema is what keeps a
// hand-edited file honest before the app relies on it.
import { z } from 'zod';
import { MAX_SECTION_DEPTH } from './domain';

/** Where a checklist item comes from: the law, NHS England's guidance, or the ICS's purposes. */
export const CHECKLIST_GROUPS = ['plan_content', 'general_duty', 'financial_duty', 'hwb', 'nhs_commitment', 'ics_purpose'] as const;
export type ChecklistGroup = (typeof CHECKLIST_GROUPS)[number];

export const CHECKLIST_GROUP_LABELS: Record<ChecklistGroup, string> = {
  plan_content: 'What the plan must in particular contain',
  general_duty: 'General duties of the ICB',
  financial_duty: 'Financial duties',
  hwb: 'Health and Wellbeing Boards',
  nhs_commitment: 'Universal NHS commitments',
  ics_purpose: 'Core purposes of an integrated care system',
};

/** Text placed where a repeated section names its place, when the plan lists no places. */
export const PLACE_TOKEN = '{place}';
/** #15 text placed where a section repeated per priority names its priority. */
export const PRIORITY_TOKEN = '{priority}';

const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'Use lower-case letters, digits, "-" and "." only');

const text = (max: number) => z.string().trim().min(1).max(max);

export const checklistItemSchema = z
  .object({
    id: slug,
    group: z.enum(CHECKLIST_GROUPS),
    label: text(200),
    /** The legal or guidance reference, e.g. "NHS Act 2006 s14Z52(2)(a)". */
    reference: text(200),
    description: text(1000),
    /** #15 keys of sections that address this item, besides those that list it in their own checklist. */
    sections: z.array(slug).max(40).optional(),
    /**
     * #15 keyword rules: regular expressions (matched case-insensitively). When given, an approved
     * section covers the item only if its text matches at least one of them.
     */
    keywords: z.array(z.string().min(1).max(200)).max(20).optional(),
    /** #15 whether the readiness view lets this item stop sign-off (the law's items do; guidance does not). */
    blocking: z.boolean().optional(),
  })
  .strict();
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export interface TemplateSection {
  /** Stable within the template: stored on each section (template_key) so refreshes can match sections up. */
  key: string;
  title: string;
  guidance: string;
  expectedContent: string[];
  checklist: string[];
  /**
   * 'place': one copy of this section (and its subsections) per place in the plan, "{place}" filled in.
   * 'priority' (#15): one copy per priority of the plan, "{priority}" filled in; the copy is that priority's chapter.
   */
  repeat?: 'place' | 'priority' | undefined;
  /** #15 not part of a new plan: offered later through "Add section from template". */
  optional?: boolean | undefined;
  children?: TemplateSection[] | undefined;
}

export const templateSectionSchema: z.ZodType<TemplateSection> = z.lazy(() =>
  z
    .object({
      key: slug,
      title: text(200),
      guidance: z.string().trim().max(2000),
      expectedContent: z.array(text(300)).max(30),
      checklist: z.array(slug).max(40),
      repeat: z.enum(['place', 'priority']).optional(),
      optional: z.boolean().optional(),
      children: z.array(templateSectionSchema).max(60).optional(),
    })
    .strict(),
);

export const templateSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A template id uses letters, digits, "-" and "_" only'),
    name: text(120),
    description: text(600),
    /** The template's own edition, e.g. "2026.1" for the 2026/27 refresh. */
    version: text(40),
    /** Used for "{place}" when a plan lists no places. */
    placeFallback: text(80).optional(),
    /** #15 the priorities a new plan starts with, one "{priority}" section each (renamable later). */
    defaultPriorities: z.array(text(200)).max(10).optional(),
    checklist: z.array(checklistItemSchema),
    sections: z.array(templateSectionSchema),
  })
  .strict()
  .superRefine((template, ctx) => {
    const items = new Set<string>();
    template.checklist.forEach((item, i) => {
      if (items.has(item.id)) ctx.addIssue({ code: 'custom', path: ['checklist', i, 'id'], message: `Checklist item "${item.id}" is listed twice` });
      items.add(item.id);
    });
    const keys = new Set<string>();
    const visit = (sections: TemplateSection[], path: (string | number)[], depth: number, repeated: boolean) => {
      sections.forEach((section, i) => {
        const at = [...path, i];
        if (depth > MAX_SECTION_DEPTH) {
          ctx.addIssue({ code: 'custom', path: at, message: `Sections can be nested at most ${MAX_SECTION_DEPTH} levels deep` });
        }
        if (keys.has(section.key)) ctx.addIssue({ code: 'custom', path: [...at, 'key'], message: `The section key "${section.key}" is used twice` });
        keys.add(section.key);
        if (section.repeat && repeated) {
          ctx.addIssue({ code: 'custom', path: [...at, 'repeat'], message: 'A repeated section cannot sit inside another repeated section' });
        }
        const inPlace = repeated || section.repeat === 'place';
        if (!inPlace && [section.title, section.guidance, ...section.expectedContent].some((t) => t.includes(PLACE_TOKEN))) {
          ctx.addIssue({ code: 'custom', path: at, message: `"${PLACE_TOKEN}" can only be used in a section repeated for each place` });
        }
        section.checklist.forEach((ref, j) => {
          if (!items.has(ref)) ctx.addIssue({ code: 'custom', path: [...at, 'checklist', j], message: `There is no checklist item "${ref}" in this template` });
        });
        visit(section.children ?? [], [...at, 'children'], depth + 1, inPlace || section.repeat === 'priority');
      });
    };
    visit(template.sections, ['sections'], 1, false);
    // #15 an item's own list of sections must name real section keys, and its keyword rules must compile.
    template.checklist.forEach((item, i) => {
      (item.sections ?? []).forEach((key, j) => {
        if (!keys.has(key))
          ctx.addIssue({ code: 'custom', path: ['checklist', i, 'sections', j], message: `There is no section with the key "${key}" in this template` });
      });
      (item.keywords ?? []).forEach((rule, j) => {
        try {
          new RegExp(rule, 'iu');
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            path: ['checklist', i, 'keywords', j],
            message: `The keyword rule "${rule}" is not a valid regular expression (${(error as Error).message})`,
          });
        }
      });
    });
  });
export type PlanTemplate = z.infer<typeof templateSchema>;
