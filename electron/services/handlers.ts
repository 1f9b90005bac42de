// Implements every contract method over the store. Inputs arrive already
// validated by the dispatcher; business rules (existence, nesting, revisions)
// are checked here and in the repositories.
import type { Handlers } from '../../shared/dispatch';
import type { ChecklistRef, Section, TemplateSummary } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import { parseContent, plainText } from '../../shared/lexical-json';
import { createExportHandlers, type ExportServiceOptions } from './export-service';
import { createReviewHandlers } from './review-handlers';
import { createReviewFileHandlers } from './review/review-files';
import { createSamplePlan } from './sample-plan';
import type { Store } from './store';
import { writeTransaction } from './store/database';
import { prepareContent, type NewSection } from './store/sections';

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

export function createHandlers(store: Store, templates?: TemplateCatalogue, exporting: ExportServiceOptions = {}): Handlers {
  const { db, plans, sections, commitments } = store;
  /** A handler that reads before it writes runs as one transaction holding the write lock from the start. */
  const write = <I, R>(handler: (input: I) => R) => (input: I): R => writeTransaction(db, () => handler(input));
  /** Outline and text changes are refused on a reviewer's copy; comments are not. */
  const editable = (sectionId: string) => plans.assertEditable(sections.planOf(sectionId));
  const sameText = (a: string, b: string) => {
    const [x, y] = [parseContent(a), parseContent(b)];
    return x.ok && y.ok && plainText(x.state) === plainText(y.state);
  };
  return {
    ...createReviewHandlers(store),
    ...createExportHandlers(store, exporting),
    ...createReviewFileHandlers(store, exporting.ports),
    listPlans: () => plans.list(),
    getPlan: ({ planId }) => plans.get(planId),
    createPlan: (input) =>
      db.transaction(() => {
        const templateId = input.templateId ?? BLANK_TEMPLATE_ID;
        const tree = templates ? templates.sectionsFor(templateId, { places: input.places ?? [] }) : [];
        const planId = plans.insert({ ...input, templateId });
        sections.insertTrees(planId, tree);
        return plans.get(planId);
      }).immediate(),
    updatePlan: (input) => plans.update(input),
    deletePlan: ({ planId }) => {
      plans.delete(planId);
      return { deleted: true } as const;
    },

    listSections: ({ planId }) => {
      plans.assertExists(planId);
      return sections.list(planId);
    },
    getSection: ({ sectionId }): Section => {
      const section = sections.get(sectionId);
      const templateId = plans.get(section.planId).templateId;
      const checklistItems = section.checklist.map((itemId) => {
        const item = templates?.checklistItem?.(templateId, itemId);
        return item ? { id: item.id, label: item.label, reference: item.reference } : { id: itemId, label: itemId, reference: '' };
      });
      return { ...section, checklistItems };
    },
    addSection: write(({ planId, parentId, title, afterSectionId }) => {
      plans.assertEditable(planId);
      const added = sections.add(planId, parentId, title, afterSectionId);
      plans.touch(planId);
      return added;
    }),
    renameSection: write(({ sectionId, title }) => (editable(sectionId), sections.rename(sectionId, title))),
    moveSection: write(({ sectionId, parentId, index }) => (editable(sectionId), sections.move(sectionId, parentId, index))),
    deleteSection: write(({ sectionId }) => (editable(sectionId), { deletedIds: sections.softDelete(sectionId) })),
    restoreSection: ({ sectionId }) => sections.restore(sectionId),
    saveSectionContent: (input) => {
      // Checked (and parsed, once) before the write lock is taken: a malformed document holds up no other writer.
      const prepared = prepareContent(input.content);
      return write(({ sectionId, revision, content }: typeof input) => {
        // A review copy may gain comment marks, but its words stay the author's.
        if (plans.get(sections.planOf(sectionId)).reviewCopy && !sameText(sections.get(sectionId).content, content)) editable(sectionId);
        const saved = sections.saveContent(sectionId, revision, content, prepared);
        plans.touch(sections.planOf(sectionId));
        return saved;
      })(input);
    },
    updateSectionMeta: write(({ sectionId, status, owner }) => (editable(sectionId), sections.updateMeta(sectionId, status, owner))),

    listTemplates: () => templates?.list() ?? [],
    createSamplePlan: () => {
      if (!templates) throw new JfpError('not_found', 'The sample plan is not available: this copy of the app has no plan templates.');
      return createSamplePlan(store, templates);
    },

    listCommitments: ({ planId }) => {
      plans.assertExists(planId);
      return commitments.list(planId);
    },
    addCommitment: ({ planId, fields }) =>
      db.transaction(() => {
        plans.assertEditable(planId);
        const added = commitments.add(planId, fields ?? {});
        plans.touch(planId);
        return added;
      }).immediate(),
    updateCommitment: ({ commitmentId, revision, fields }) =>
      db.transaction(() => {
        const updated = commitments.update(commitmentId, revision, fields);
        plans.touch(updated.planId);
        return updated;
      }).immediate(),
    deleteCommitment: ({ commitmentId }) =>
      db.transaction(() => {
        const planId = commitments.planOf(commitmentId);
        commitments.delete(commitmentId);
        plans.touch(planId);
        return { deleted: true } as const;
      }).immediate(),

    search: ({ planId, query, limit }) => {
      plans.assertExists(planId);
      return store.search.search(planId, query, limit);
    },
  };
}
