// The Sections tab's three regions, in F6 order: the outline, the editor and the
// side panel. F6 moves to the next, Shift+F6 to the one before (as in desktop
// editors and browsers); the skip links jump to the first two.
export type Region = 'outline' | 'editor' | 'side';

const ORDER: Region[] = ['outline', 'editor', 'side'];
const CONTAINERS: Record<Region, string> = { outline: 'nav.outline', editor: '.editor-pane', side: 'aside.side' };
const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"], [contenteditable="true"]';

/** Where focus lands in a region: the outline's current item, the editor's text, the panel's first control. */
function target(region: Region): HTMLElement | null {
  const container = document.querySelector<HTMLElement>(CONTAINERS[region]);
  if (!container) return null;
  if (region === 'outline')
    return container.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') ?? container.querySelector<HTMLElement>(FOCUSABLE) ?? container;
  if (region === 'editor') return container.querySelector<HTMLElement>('[contenteditable="true"]') ?? container.querySelector<HTMLElement>(FOCUSABLE);
  return container.querySelector<HTMLElement>(FOCUSABLE);
}

/** Focuses the region; false when it is not on screen. */
export function focusRegion(region: Region): boolean {
  const element = target(region);
  // Not shown (a side panel collapsed on a narrow window): skipped.
  if (!element || element.getClientRects().length === 0) return false;
  element.focus();
  return true;
}

function currentRegion(): Region | null {
  const active = document.activeElement;
  if (!active) return null;
  return ORDER.find((region) => active.closest(CONTAINERS[region])) ?? null;
}

/** F6 / Shift+F6: the next (or previous) region that is on screen. */
export function onRegionKey(event: KeyboardEvent): void {
  if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey) return;
  const step = event.shiftKey ? -1 : 1;
  const current = currentRegion();
  let index = current === null ? (step > 0 ? -1 : ORDER.length) : ORDER.indexOf(current);
  for (let tries = 0; tries < ORDER.length; tries++) {
    index = (index + step + ORDER.length) % ORDER.length;
    if (focusRegion(ORDER[index]!)) break;
  }
  event.preventDefault();
}
