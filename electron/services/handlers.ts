// Implements every contract method over the store. Inputs arrive already
// validated by the dispatcher; business rules (existence, nesting, revisions)
// are checked here and in the repositories.
import path from 'node:path';
import type { Handlers } from '../../shared/dispatch';
import { SECTION_STATUS_LABELS, type Section } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import { confirmCommitmentImport, exportCommitments, previewCommitmentImport } from './commitments/excel-service';
import { createExportHandlers, type ExportServiceOptions } from './export-service';
import { inWriteTransactions } from './method-access';
import { createBackupHandlers } from './backups/backup-handlers'; // #16
import { createWordImportHandlers } from './word-import/word-import-handlers'; // #16
import { createRecordHandlers } from './record-handlers'; // #15 part 2
import { createReviewHandlers } from './review-handlers';
import { createReviewFileHandlers } from './review/review-files';
import { assertOnlyMarksChanged, refuseReviewCopyWrites } from './review/review-copy-guard'; // #13 review copy
import { addPriorityChapters, chapterRename } from './priority-chapters'; // #15
import { readinessReport } from './readiness/readiness'; // #15
import { createAccessibilityCheck } from './readiness/accessibility-items'; // #15 accessibility in readiness
import { signOff } from './readiness/sign-off'; // #15
import { MARK_FINAL_THROUGH_SIGN_OFF } from '../../shared/domain'; // #15 sign-off
import { createSamplePlan } from './sample-plan';
import type { Store } from './store';
import { prepareContent } from './store/sections';
import { BLANK_TEMPLATE_ID, type TemplateCatalogue } from './template-catalogue';
import { createVersionHandlers } from './versions/version-handlers'; // #16 versions
import { saveAutomaticVersion } from './versions/version-service'; // #16 versions

/** Every contract method; the writing ones each run as one immediate transaction (method-access.ts). */
export function createHandlers(store: Store, templates?: TemplateCatalogue, exporting: ExportServiceOptions = {}): Handlers {
  const { plans, sections, commitments } = store;
  /** Outline and text changes are refused on a reviewer's copy; comments are not. */
  const editable = (sectionId: string) => plans.assertEditable(sections.planOf(sectionId));
  const exportHandlers = createExportHandlers(store, exporting);
  const accessibility = createAccessibilityCheck(store, exporting); // #15: the export's accessibility check, kept per plan
  // #13 review copy: every write a reviewer's copy must not take is refused (review-copy-guard.ts), inside its transaction.
  return inWriteTransactions(
    store,
    refuseReviewCopyWrites(store, {
      ...createReviewHandlers(store),
      ...exportHandlers,
      // #16 backups and Word import (a running export holds a lock file that a restore sees: export-service.ts)
      ...createBackupHandlers(store, exporting),
      ...createWordImportHandlers(store, templates, exporting),
      // end #16
      ...createRecordHandlers(store), // #15 part 2: HWB boards, engagement, strategy, publication
      ...createReviewFileHandlers(store, exporting.ports),
      ...createVersionHandlers(store, exporting.ports), // #16 versions
      // #14 export preview
      // Loaded at the first preview: the document model draws charts (React, Victory, resvg), which no other action needs.
      previewExport: async ({ planId, options }) => (await import('./export/preview')).previewExport(store, planId, options),
      listPlans: () => plans.list(),
      getPlan: ({ planId }) => plans.get(planId),
      createPlan: (input) => {
        const templateId = input.templateId ?? BLANK_TEMPLATE_ID;
        // #15 priority chapters: the template's default priorities each get a chapter, linked to the priority.
        const priorities = templates?.defaultPriorities?.(templateId) ?? [];
        const tree = templates ? templates.sectionsFor(templateId, { places: input.places ?? [], priorities }) : [];
        const planId = store.createPlan({ ...input, templateId }, tree);
        addPriorityChapters(
          store,
          planId,
          priorities.map((title) => ({ title })),
          priorities.length,
        );
        return plans.get(planId);
      },
      updatePlan: (input) => {
        const wasFinal = input.isFinal === undefined ? undefined : plans.get(input.planId).isFinal;
        // #15 sign-off: a plan becomes final only through signOffPlan, which checks readiness and records who.
        if (input.isFinal === true && wasFinal === false) throw new JfpError('invalid_input', MARK_FINAL_THROUGH_SIGN_OFF);
        const updated = plans.update(input);
        if (wasFinal !== undefined && wasFinal !== updated.isFinal) {
          if (updated.isFinal) saveAutomaticVersion(store, updated.id, 'Marked final'); // #16 versions
          store.events.record(
            updated.id,
            updated.isFinal ? 'marked_final' : 'final_withdrawn',
            updated.isFinal ? 'The plan was marked final.' : 'The plan was returned to draft.',
          );
        }
        return updated;
      },
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
        const templateId = plans.templateOf(section.planId);
        const checklistItems = section.checklist.map((itemId) => {
          const item = templates?.checklistItem?.(templateId, itemId);
          return item ? { id: item.id, label: item.label, reference: item.reference } : { id: itemId, label: itemId, reference: '' };
        });
        return { ...section, checklistItems };
      },
      addSection: ({ planId, parentId, title, afterSectionId }) => {
        plans.assertEditable(planId);
        const added = sections.add(planId, parentId, title, afterSectionId);
        plans.touch(planId);
        return added;
      },
      renameSection: ({ sectionId, title }) => (editable(sectionId), sections.rename(sectionId, title)),
      moveSection: ({ sectionId, parentId, index }) => (editable(sectionId), sections.move(sectionId, parentId, index)),
      deleteSection: ({ sectionId }) => (editable(sectionId), { deletedIds: sections.softDelete(sectionId) }),
      restoreSection: ({ sectionId }) => sections.restore(sectionId),
      // #12 outline
      listDeletedSections: ({ planId }) => {
        plans.assertExists(planId);
        return sections.listDeleted(planId);
      },
      getProfile: () => store.profile.get(),
      saveProfile: (input) => store.profile.save(input),
      listPlanEvents: ({ planId }) => {
        plans.assertExists(planId);
        return store.events.list(planId);
      },
      // #15 readiness and sign-off
      getReadiness: async ({ planId }) => {
        plans.assertExists(planId);
        // A large plan's Word file takes seconds: the view shows the rest at once and asks again for this part.
        await accessibility.refresh(planId, 1500);
        return readinessReport(store, planId, templates, accessibility);
      },
      signOffPlan: (input) => {
        const wasFinal = plans.get(input.planId).isFinal;
        signOff(store, input, readinessReport(store, input.planId, templates, accessibility).items);
        if (!wasFinal) saveAutomaticVersion(store, input.planId, 'Marked final'); // #16 versions
        return readinessReport(store, input.planId, templates, accessibility);
      },
      listOptionalSections: ({ planId }) => templates?.optionalSections?.(plans.get(planId).templateId) ?? [],
      addTemplateSection: ({ planId, key }) => {
        plans.assertEditable(planId);
        const tree = templates?.optionalSectionTree?.(plans.get(planId).templateId, key);
        if (!tree) throw new JfpError('not_found', "This plan's template has no optional section with that name.");
        sections.insertTrees(planId, [tree]);
        plans.touch(planId);
        const added = [...sections.idsByTemplateKey(planId)].filter(([k]) => k === key).map(([, id]) => id);
        return sections.summaryOf(added[added.length - 1]!);
      },
      // end #15 readiness
      // #12 first run
      getDataLocation: () => {
        const databasePath = path.resolve(store.file);
        return { databasePath, folder: path.dirname(databasePath) };
      },
      saveSectionContent: ({ sectionId, revision, content }) => {
        // Checked (and parsed, once) before the write lock is taken: a malformed document holds up no other writer.
        const prepared = prepareContent(content);
        // The save path reads only what it needs: the section's plan and that plan's review-copy flag, not whole rows.
        return store.write(() => {
          const target = sections.saveTarget(sectionId);
          // #13 review copy: it may gain comment marks, but its words and formatting stay the author's.
          if (target.reviewCopy) assertOnlyMarksChanged(sections.get(sectionId).content, content);
          const saved = sections.saveContent(sectionId, revision, content, prepared, target.planId);
          plans.touch(target.planId);
          return saved;
        });
      },
      updateSectionMeta: ({ sectionId, status, owner }) => {
        const planId = sections.planOf(sectionId);
        plans.assertEditable(planId);
        return sections.updateMeta(sectionId, status, owner, (from, to) => {
          const { title } = sections.summaryOf(sectionId);
          store.events.record(planId, 'status_changed', `“${title}” moved from ${SECTION_STATUS_LABELS[from]} to ${SECTION_STATUS_LABELS[to]}.`, { sectionId, from, to });
        });
      },

      listTemplates: () => templates?.list() ?? [],
      createSamplePlan: () => {
        if (!templates) throw new JfpError('not_found', 'The sample plan is not available: this copy of the app has no plan templates.');
        return createSamplePlan(store, templates);
      },

      listCommitments: ({ planId }) => {
        plans.assertExists(planId);
        return commitments.list(planId);
      },
      addCommitment: ({ planId, fields }) => {
        plans.assertEditable(planId);
        const added = commitments.add(planId, fields ?? {});
        plans.touch(planId);
        return added;
      },
      updateCommitment: ({ commitmentId, revision, fields }) => {
        const updated = commitments.update(commitmentId, revision, fields);
        plans.touch(updated.planId);
        return updated;
      },
      deleteCommitment: ({ commitmentId }) => {
        const planId = commitments.planOf(commitmentId);
        commitments.delete(commitmentId);
        plans.touch(planId);
        return { deleted: true } as const;
      },

      // #11 delivery table
      getCommitment: ({ commitmentId }) => commitments.get(commitmentId),
      addActual: ({ commitmentId, date, value, source }) => {
        const planId = commitments.planOf(commitmentId);
        plans.assertEditable(planId);
        const updated = commitments.addActual(commitmentId, { date, value, source });
        plans.touch(planId);
        return updated;
      },
      deleteActual: ({ actualId }) => {
        const planId = commitments.planOf(commitments.commitmentOfActual(actualId));
        plans.assertEditable(planId);
        const updated = commitments.deleteActual(actualId);
        plans.touch(planId);
        return updated;
      },
      listCommitmentRows: ({ planId }) => {
        plans.assertExists(planId);
        return commitments.listRows(planId);
      },
      listPriorities: ({ planId }) => {
        plans.assertExists(planId);
        return store.priorities.list(planId);
      },
      addPriority: ({ planId, ...fields }) => {
        plans.assertEditable(planId);
        const added = store.priorities.add(planId, fields);
        plans.touch(planId);
        return added;
      },
      updatePriority: ({ priorityId, revision, ...fields }) => {
        const planId = store.priorities.planOf(priorityId);
        plans.assertEditable(planId);
        const chapter = chapterRename(store, priorityId, fields.title); // #15 the chapter follows its priority's name
        const updated = store.priorities.update(priorityId, revision, fields);
        if (chapter) store.sections.rename(chapter.sectionId, chapter.title);
        plans.touch(planId);
        return updated;
      },
      deletePriority: ({ priorityId }) => {
        const planId = store.priorities.planOf(priorityId);
        plans.assertEditable(planId);
        store.priorities.delete(priorityId);
        plans.touch(planId);
        return { deleted: true } as const;
      },
      exportCommitments: (input) => exportCommitments({ store, ports: exporting.ports }, input),
      previewCommitmentImport: (input) => previewCommitmentImport({ store, ports: exporting.ports }, input),
      confirmCommitmentImport: (input) => confirmCommitmentImport({ store, ports: exporting.ports }, input),
      // end #11 delivery table

      search: ({ planId, query, limit }) => {
        plans.assertExists(planId);
        return store.search.search(planId, query, limit);
      },
    }),
  );
}
