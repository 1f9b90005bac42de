// A toolbar is one Tab stop (the ARIA toolbar pattern): only the item last
// used has tabindex="0"; Left/Right move between items, Home/End go to the
// ends. Up and Down are left to the control (a select changes its value with
// them). The item last used is the one whose tabindex attribute is "0".
import { useLayoutEffect, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

/** The toolbar's own items: its enabled buttons and selects, not those of a menu open inside it. */
export function toolbarItems(bar: HTMLElement): HTMLElement[] {
  return [...bar.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select')].filter(
    (el) => !el.disabled && el.closest('[role="toolbar"]') === bar && !el.closest('[role="menu"]'),
  );
}

/** Exactly one Tab stop: the item last used while it is still there and enabled, else the first. Returns it. */
export function syncTabStop(bar: HTMLElement | null, chosen?: HTMLElement): HTMLElement | undefined {
  if (!bar) return undefined;
  const items = toolbarItems(bar);
  const active = chosen && items.includes(chosen) ? chosen : (items.find((el) => el.getAttribute('tabindex') === '0') ?? items[0]);
  for (const el of items) el.tabIndex = el === active ? 0 : -1;
  for (const el of bar.querySelectorAll<HTMLElement>('button:disabled, select:disabled')) el.tabIndex = -1;
  return active;
}

/** Puts focus on the toolbar's Tab stop (Esc in the editor). */
export function focusTabStop(bar: HTMLElement | null): void {
  syncTabStop(bar)?.focus();
}

export function onToolbarFocus(event: FocusEvent<HTMLElement>): void {
  const bar = event.currentTarget;
  if (toolbarItems(bar).includes(event.target)) syncTabStop(bar, event.target);
}

export function onToolbarKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const items = toolbarItems(event.currentTarget);
  const at = items.indexOf(event.target as HTMLElement);
  if (at < 0) return;
  let to: number | null = null;
  if (event.key === 'ArrowRight') to = (at + 1) % items.length;
  else if (event.key === 'ArrowLeft') to = (at - 1 + items.length) % items.length;
  else if (event.key === 'Home') to = 0;
  else if (event.key === 'End') to = items.length - 1;
  if (to === null) return;
  event.preventDefault();
  items[to]!.focus();
}

/** Items come and go (overflow, a disabled Undo): the Tab stop is checked after every render. */
export function useRovingTabStop(bar: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    syncTabStop(bar.current);
  });
}
