// #15 The readiness providers, in the order the readiness view groups them.
// Each feature adds its provider to this ONE array (G: HWB, strategy,
// engagement and publication items, in their own files).
import type { TemplateCatalogue } from '../template-catalogue';
import type { AccessibilityCheck } from './accessibility-items';
import { engagementItems } from './engagement-items';
import { boardPaperItems, commitmentItems, sectionItems, threadItems } from './plan-items';
import { readinessSections } from './plan-sections';
import type { ReadinessProvider } from './provider';
import { publicationItems } from './publication-items';
import { statutoryItems } from './statutory-items';
import { strategyItems } from './strategy-items';

export function readinessProviders(templates: TemplateCatalogue | undefined, accessibility?: AccessibilityCheck): ReadinessProvider[] {
  return [
    (store, planId) => {
      const sections = readinessSections(store, planId);
      return [...statutoryItems(store, planId, templates, sections), ...sectionItems(sections)];
    },
    threadItems,
    commitmentItems,
    boardPaperItems,
    // #15 part 2 (the boards' items come with the statutory checklist's HWB item above)
    strategyItems,
    engagementItems,
    publicationItems,
    // What the export's accessibility check found in the plan's Word export at the last getReadiness (accessibility-items.ts).
    (_store, planId) => accessibility?.items(planId) ?? [],
  ];
}
