// The export preview: the first pages of an export, built as the export itself
// is (the same document model, drawn by the HTML writer), for the Export screen
// to show before anything is saved. The page's stylesheet is returned apart
// from its markup: the app's Content-Security-Policy (inherited by a srcdoc
// frame) refuses inline <style>, so the renderer applies it as a constructed
// stylesheet instead.
import type { ExportPreview, ExportWarning } from '../../../shared/export';
import type { Store } from '../store';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE, usableCover } from './cover-sheet';
import { resolveHouseStyle } from './house-style';
import { documentToHtml } from './html-writer';
import { parseExportOptions } from './index';
import { boardPaperDocument, planDocument } from './model/build';
import type { DocumentModel } from './model/document';
import { loadPlanExport } from './store-loader';

/** Roughly the first few printed pages: enough blocks to see the cover sheet, the contents and the first sections. */
export const PREVIEW_BLOCKS = 80;
export const PREVIEW_MORE_NOTE = 'The preview shows the first pages only; the saved file has the whole document.';

function firstPages(model: DocumentModel): { model: DocumentModel; truncated: boolean } {
  let budget = PREVIEW_BLOCKS - (model.cover ? model.cover.table.body.length + model.cover.continuation.length : 0);
  const sections = [];
  for (const section of model.sections) {
    if (budget <= 0) break;
    sections.push(section.blocks.length > budget ? { ...section, blocks: section.blocks.slice(0, Math.max(budget, 1)) } : section);
    budget -= section.blocks.length + 1;
  }
  const truncated = budget <= 0 || sections.length < model.sections.length || model.appendices.length > 0;
  return { model: { ...model, sections, appendices: truncated ? [] : model.appendices }, truncated };
}

export function previewExport(store: Store, planId: string, options: unknown): ExportPreview {
  const parsed = parseExportOptions({ ...(typeof options === 'object' && options !== null ? options : {}), format: 'html' });
  const { data, saved } = store.read(() => {
    store.plans.assertExists(planId);
    return { data: loadPlanExport(store, planId), saved: store.exportSettings.get(planId) };
  });
  const style = resolveHouseStyle(saved.houseStyle);
  const cover = parsed.cover ?? usableCover(DEFAULT_BOARD_PAPER_TEMPLATE, saved.cover);
  const board = parsed.kind === 'board_paper';
  const model = board ? boardPaperDocument({ data, options: parsed, style, cover }) : planDocument(data, parsed, style);
  const { model: shown, truncated } = firstPages(model);
  const page = documentToHtml(shown, style).content;
  const css = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  let html = page.replace(/<style>[\s\S]*?<\/style>\n?/, '');
  if (truncated) html = html.replace('</main>', `<p class="note">${PREVIEW_MORE_NOTE}</p>\n</main>`);
  // The warnings of the whole export, not only of the pages shown.
  const warnings: ExportWarning[] = model.warnings;
  return {
    html,
    css,
    warnings,
    missingCoverFields: board ? coverSheet(DEFAULT_BOARD_PAPER_TEMPLATE, cover, data.plan).missingFields : [],
    truncated,
  };
}
