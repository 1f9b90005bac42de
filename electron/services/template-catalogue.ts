// What the services know of plan templates: the catalogue a new plan, the
// sample plan and a section's checklist read from. templates.ts reads the
// shipped templates/ folder into one; tests give their own.
import type { ChecklistRef, TemplateSummary } from '../../shared/domain';
import type { ChecklistItem } from '../../shared/template';
import type { NewSection } from './store/sections';

/** What a template may need to know about the plan being created. */
export interface TemplateContext {
  /** The plan's places: sections a template repeats per place are created for each. */
  places?: string[];
  /** #15 the plan's priorities: sections a template repeats per priority are created for each. */
  priorities?: string[];
}

export interface TemplateCatalogue {
  /** The folder the templates were read from; the sample plan's content lives beside them. */
  readonly dir: string;
  /** The templates a new plan can start from, the usual choice first. */
  list(): TemplateSummary[];
  /** Sections to create for a new plan from template `id`; throws not_found for an unknown id. */
  sectionsFor(id: string, context?: TemplateContext): NewSection[];
  /** A statutory checklist item of a template, for its label and legal reference. */
  checklistItem?(templateId: string, itemId: string): ChecklistRef | undefined;
  /** #15 the priorities a new plan from this template starts with (none for most templates). */
  defaultPriorities?(templateId: string): string[];
  /** #15 the template's statutory checklist, for the readiness view. */
  checklist?(templateId: string): ChecklistItem[];
  /** #15 the template's optional sections, offered by "Add section from template". */
  optionalSections?(templateId: string): OptionalSection[];
  /** #15 the section tree of one optional section, or undefined when the template has no such optional section. */
  optionalSectionTree?(templateId: string, key: string): NewSection | undefined;
  /** #15 template files that were refused at load, each as one sentence naming the file and the problem. */
  problems?(): string[];
}

/** #15 a section a plan can add later from its template. */
export interface OptionalSection {
  key: string;
  title: string;
  guidance: string;
}

export const BLANK_TEMPLATE_ID = 'blank';
