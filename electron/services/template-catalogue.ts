// What the services know of plan templates: the catalogue a new plan, the
// sample plan and a section's checklist read from. templates.ts reads the
// shipped templates/ folder into one; tests give their own.
import type { ChecklistRef, TemplateSummary } from '../../shared/domain';
import type { NewSection } from './store/sections';

/** What a template may need to know about the plan being created. */
export interface TemplateContext {
  /** The plan's places: sections a template repeats per place are created for each. */
  places?: string[];
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
}

export const BLANK_TEMPLATE_ID = 'blank';
