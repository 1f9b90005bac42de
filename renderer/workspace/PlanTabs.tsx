// The open plan's other tabs, each its own component reading the open plan's
// stores: delivery commitments, HWB opinions, review packs and export.
import { useCallback } from 'react';
import { navigate } from '../app/route';
import { CommitmentsGrid } from '../commitments/CommitmentsGrid';
import { ExportPanel } from '../export/ExportPanel';
import { HwbOpinions } from '../opinions/HwbOpinions';
import { ReviewPanel } from '../review/ReviewPanel';
import { useOpenPlan, useSections } from './open-plan';

export function CommitmentsTab() {
  const { planId } = useOpenPlan();
  const sections = useSections();
  const openSection = useCallback((id: string) => navigate({ view: 'plan', planId, tab: 'sections', sectionId: id }), [planId]);
  return (
    <main className="commitments-pane">
      <CommitmentsGrid planId={planId} sections={sections} onOpenSection={openSection} />
    </main>
  );
}

export function OpinionsTab() {
  const { planId } = useOpenPlan();
  return (
    <main className="commitments-pane">
      <HwbOpinions planId={planId} />
    </main>
  );
}

export function ReviewTab() {
  const open = useOpenPlan();
  // Imported comments add threads and may mark sections: load both again.
  const imported = useCallback(() => void open.refreshReview().then(open.reloadSections), [open]);
  return (
    <main className="commitments-pane">
      <ReviewPanel planId={open.planId} onImported={imported} />
    </main>
  );
}

export function ExportTab() {
  const { planId } = useOpenPlan();
  const sections = useSections();
  return (
    <main className="commitments-pane">
      <ExportPanel planId={planId} sections={sections} />
    </main>
  );
}
