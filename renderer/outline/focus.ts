// Moving focus to an outline item that may not be on the page yet (the outline
// re-renders when the section list arrives), so focus never drops to <body>.
const FRAMES = 60;

function outlineItem(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[role="tree"] [data-section-id="${CSS.escape(id)}"]`);
}

/** Focuses the section's outline item as soon as it is shown; `fallback` if it never is. */
export function focusOutlineItem(id: string | null, fallback?: () => HTMLElement | null): void {
  let frames = 0;
  const attempt = () => {
    const element = id ? outlineItem(id) : null;
    if (element) return element.focus();
    if (++frames < FRAMES && id) return void requestAnimationFrame(attempt);
    fallback?.()?.focus();
  };
  attempt();
}

/** The outline's "Add section" button: where focus goes when the last section is deleted. */
export const addSectionButton = () => document.querySelector<HTMLElement>('.outline-tools button');
