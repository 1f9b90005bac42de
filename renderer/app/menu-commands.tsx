// What the page does for each application-menu command (electron/menu.ts sends
// them as the contract's menuCommand event): New plan, Open recent, Export,
// Print, Find in plan, Keyboard shortcuts, the theme, and #16's Import from Word, Backups and Save version.
import { useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../shared/contract';
import { announce } from './announce';
import { useJfpEvent } from './events';
import { navigate, parseRoute } from './route';
import { createValueStore } from './value-store';

type MenuCommand = EventPayload<'menuCommand'>;
export type Theme = Extract<MenuCommand, { command: 'setTheme' }>['theme'];

/** Set by File > New plan: the library shows its New plan dialog until it is closed. */
export const newPlanRequested = createValueStore(false);

const THEME_KEY = 'jfp-theme';

/** Light or dark by the user's choice; "system" follows prefers-color-scheme (styles.css). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function savedTheme(): Theme {
  try {
    const value = window.localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function saveTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage unavailable: the choice lasts until the window closes.
  }
}

/** Goes to a #16 screen by its hash and tells the page with a `jfp-menu-<command>` DOM event. */
export function openMenuScreen(command: 'importWord' | 'showBackups' | 'saveVersion', hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
  window.dispatchEvent(new CustomEvent(`jfp-menu-${command}`));
}

/** Carries out menu commands; returns whether the keyboard shortcuts dialog is open and a function to close it. */
export function useMenuCommands(): { shortcutsOpen: boolean; closeShortcuts: () => void } {
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useJfpEvent('menuCommand', (command) => {
    const route = parseRoute(window.location.hash);
    switch (command.command) {
      case 'newPlan':
        newPlanRequested.set(true);
        navigate({ view: 'library' });
        return;
      case 'openPlan':
        navigate({ view: 'plan', planId: command.planId, tab: 'sections' });
        return;
      case 'exportPlan':
      case 'print':
        if (route.view !== 'plan') return announce('Open a plan first, then export or print it.');
        navigate({ view: 'plan', planId: route.planId, tab: 'export' });
        return;
      case 'findInPlan': {
        const box = document.querySelector<HTMLInputElement>('.workspace-header input[type="search"]');
        if (!box) return announce('Open a plan first, then search it.');
        box.focus();
        box.select();
        return;
      }
      case 'showShortcuts':
        setShortcutsOpen(true);
        return;
      // #16 builds these screens: until a screen exists its route shows nothing harmful, and the DOM event lets
      // an open screen (e.g. the plan's versions) react without a new route.
      case 'importWord':
        openMenuScreen('importWord', '#/import-word');
        return;
      case 'showBackups':
        openMenuScreen('showBackups', '#/backups');
        return;
      case 'saveVersion':
        if (route.view !== 'plan') return announce('Open a plan first, then save a version of it.');
        openMenuScreen('saveVersion', `#/plan/${encodeURIComponent(route.planId)}/versions?new=1`);
        return;
      case 'setTheme':
        applyTheme(command.theme);
        saveTheme(command.theme);
        announce(command.theme === 'system' ? 'The theme now follows the system.' : `${command.theme === 'dark' ? 'Dark' : 'Light'} theme.`);
        return;
    }
  });
  return { shortcutsOpen, closeShortcuts: () => setShortcutsOpen(false) };
}

const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl+N', 'New plan'],
  ['Ctrl+F', 'Find in plan'],
  ['Ctrl+P', 'Print or save as PDF'],
  ['Ctrl+S', 'Save a version of the plan'],
  ['Esc (in the text)', 'Go to the formatting toolbar; Esc again goes back to the text'],
  ['F6 / Shift+F6', 'Move between the outline, the editor and the side panel'],
  ['Arrow keys', 'Move through the outline'],
  ['Alt+Arrow keys', 'Move, indent or outdent the section in the outline'],
  ['F2', 'Rename the section'],
  ['Delete', 'Delete the section (it can be restored)'],
  ['Ctrl+Z / Ctrl+Y', 'Undo or redo the last outline change (in the outline)'],
  ['Esc, then Tab', 'Leave the editor'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    // Focus goes back where it was when the dialog closes.
    return () => opener?.focus();
  }, []);
  return (
    <dialog ref={dialog} className="dialog shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose}>
      <div className="dialog-body">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <p className="hint">On a Mac, use Cmd instead of Ctrl.</p>
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What they do</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="button-primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
