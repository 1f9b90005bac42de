// One polite live region for the whole app (App renders it): what changed after
// an action that a screen reader user cannot see happen, such as a section
// deleted, moved or restored, or a drop refused.
export const LIVE_REGION_ID = 'jfp-live';

let pending = 0;

export function announce(message: string): void {
  const region = document.getElementById(LIVE_REGION_ID);
  if (!region) return;
  // Emptied first and filled a moment later, so the same sentence twice is read twice.
  region.textContent = '';
  const ticket = ++pending;
  window.setTimeout(() => {
    if (ticket === pending) region.textContent = message;
  }, 50);
}
