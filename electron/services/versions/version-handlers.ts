// #16 versions: the contract methods of named versions, compare, restore and
// the annual refresh, over the version service.
import path from 'node:path';
import type { Handlers } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import { writeFileAtomic } from '../export/atomic-write';
import { resolveHouseStyle } from '../export/house-style';
import { safeFileName } from '../file-name';
import type { ExportPorts } from '../ports';
import { refuseDatabaseTarget } from '../save-target';
import type { Store } from '../store';
import { compareVersions, listVersions, restoreVersion, saveVersion, startNextYearPlan, viewVersion, viewVersionSection } from './version-service';

type VersionMethods =
  'listVersions' | 'saveVersion' | 'getVersion' | 'getVersionSection' | 'compareVersions' | 'restoreVersion' | 'startNextYearPlan' | 'exportWhatChanged';

const NO_PORTS = 'Choosing where to save needs the app window; from a terminal use `jfp compare PLAN A B --out FILE`.';

/** The "What changed" paper as Word bytes (the docx writer loads at the first paper). */
export async function whatChangedPaper(store: Store, planId: string, from: string, to: string): Promise<{ bytes: Buffer; title: string }> {
  const comparison = compareVersions(store, planId, from, to);
  const plan = store.plans.get(planId);
  const { whatChangedDocx, whatChangedTitle } = await import('./what-changed-docx');
  const bytes = await whatChangedDocx(plan, comparison, resolveHouseStyle(store.exportSettings.get(planId).houseStyle));
  return { bytes, title: whatChangedTitle(comparison) };
}

export function createVersionHandlers(store: Store, ports?: ExportPorts): Pick<Handlers, VersionMethods> {
  return {
    listVersions: ({ planId }) => listVersions(store, planId),
    saveVersion: (input) => saveVersion(store, input),
    getVersion: ({ planId, versionId }) => viewVersion(store, planId, versionId),
    getVersionSection: ({ planId, versionId, sectionId }) => viewVersionSection(store, planId, versionId, sectionId),
    compareVersions: ({ planId, from, to }) => compareVersions(store, planId, from, to),
    restoreVersion: ({ planId, versionId }) => restoreVersion(store, planId, versionId),
    startNextYearPlan: ({ planId }) => startNextYearPlan(store, planId),
    exportWhatChanged: async ({ planId, from, to }) => {
      if (!ports) throw new JfpError('invalid_input', NO_PORTS);
      // Checked first, so a wrong version id is refused before the person is asked where to save.
      const { bytes, title } = await whatChangedPaper(store, planId, from, to);
      const plan = store.plans.get(planId);
      const target = await ports.chooseSavePath(`${safeFileName(`${plan.title} - ${title}`, 120)}.docx`, 'docx');
      if (!target) return { fileName: null };
      refuseDatabaseTarget(store.file, target);
      await writeFileAtomic(target, bytes);
      return { fileName: path.basename(target) };
    },
  };
}
