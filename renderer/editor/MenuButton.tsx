// A button that opens a menu (the ARIA menu button pattern): Enter, Space or
// Down opens it on the first item, Up on the last; arrows, Home and End move;
// Enter or Space chooses; Esc closes it and gives focus back to the button; Tab
// or a click elsewhere closes it. Used for the toolbar's "More" and the table tools.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuEntry {
  key: string;
  label: string;
  onSelect: () => void;
  /** A format that is on (menuitemcheckbox) or the chosen one of a group (menuitemradio). */
  checked?: boolean;
  radio?: boolean;
  disabled?: boolean;
  /** Starts a new group (a separator before it). */
  groupStart?: boolean;
}

function itemsOf(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])];
}

export function MenuButton({
  label,
  buttonLabel,
  entries,
  className = 'tool',
}: {
  /** Visible text of the button. */
  label: string;
  /** Accessible name, when it should say more than the text. */
  buttonLabel?: string;
  entries: readonly MenuEntry[];
  className?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    const list = itemsOf(menu.current);
    (open === 'first' ? list[0] : list[list.length - 1])?.focus();
    const away = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(null);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      setOpen('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      setOpen('last');
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    // The toolbar around must not take the arrows the menu uses.
    event.stopPropagation();
    const list = itemsOf(menu.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      (document.activeElement as HTMLElement | null)?.click();
    }
  };

  return (
    <span className="menu-button">
      <button
        ref={button}
        type="button"
        className={className}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={buttonLabel}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={menu} id={`${id}-menu`} className="menu" role="menu" aria-label={buttonLabel ?? label} onKeyDown={onMenuKey}>
          {entries.map((entry) => (
            <li
              key={entry.key}
              role={entry.checked === undefined ? 'menuitem' : entry.radio ? 'menuitemradio' : 'menuitemcheckbox'}
              aria-checked={entry.checked}
              aria-disabled={entry.disabled || undefined}
              className={entry.groupStart ? 'menu-item menu-group-start' : 'menu-item'}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                if (entry.disabled) return;
                // Back on the button first; an entry that edits the text then gives focus to the editor.
                close(true);
                entry.onSelect();
              }}
            >
              <span className="menu-check" aria-hidden="true">
                {entry.checked ? '✓' : ''}
              </span>
              {entry.label}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
