// #15 The readiness providers, in the order the readiness view groups them.
// Each feature adds its provider to this ONE array (G: HWB, strategy,
// engagement and publication items, in their own files).
import type { TemplateCatalogue } from '../template-catalogue';
import { engagementItems } from './engagement-items';
import { boardPaperItems, commitmentItems, sectionItems, threadItems } from './plan-items';
import { readinessSections } from './plan-sections';
import type { ReadinessProvider } from './provider';
import { publicationItems } from './publication-items';
import { statutoryItems } from './statutory-items';
import { strategyItems } from './strategy-items';

export function readinessProviders(templates: TemplateCatalogue | undefined): ReadinessProvider[] {
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
  ];
}
