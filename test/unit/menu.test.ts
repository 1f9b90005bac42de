// #12: the application menu's items and shortcuts on each platform, and the
// commands its items send to the page (as the contract's menuCommand event).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { events } from '../../shared/contract';
import { menuTemplate, type MenuCommand } from '../../electron/menu';

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? item.submenu : []);
const menu = (template: Item[], label: string) => template.find((item) => item.label?.replace('&', '') === label);
/** "label [accelerator]" or "role:x" for each item, separators left out. */
const items = (list: Item[]) =>
  list.filter((i) => i.type !== 'separator').map((i) => (i.label ? `${i.label}${i.accelerator ? ` [${i.accelerator}]` : ''}` : `role:${i.role}`));
const click = (item: Item | undefined) => (item?.click as unknown as () => void)();

describe('the application menu', () => {
  it('on Windows and Linux: File, Edit, View, Window, Help with the usual shortcuts', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = menuTemplate({ development: false, platform, recentPlans: [{ id: 'p1', title: 'Health & care plan' }] });
      expect(template.map((i) => i.label ?? `role:${i.role}`)).toEqual(['&File', '&Edit', '&View', 'role:windowMenu', '&Help']);
      expect(items(submenu(menu(template, 'File')))).toEqual([
        'New plan… [CmdOrCtrl+N]',
        'Open recent',
        'Save version… [CmdOrCtrl+S]',
        'Import from Word…',
        'Backups…',
        'Export… [CmdOrCtrl+Shift+E]',
        'Print or save as PDF… [CmdOrCtrl+P]',
        'Quit [Ctrl+Q]',
      ]);
      expect(items(submenu(menu(template, 'Edit')))).toEqual([
        'role:undo',
        'role:redo',
        'role:cut',
        'role:copy',
        'role:paste',
        'role:pasteAndMatchStyle',
        'role:delete',
        'role:selectAll',
        'Find in plan… [CmdOrCtrl+F]',
      ]);
      expect(items(submenu(menu(template, 'View')))).toEqual(['role:resetZoom', 'role:zoomIn', 'role:zoomOut', 'Theme', 'role:togglefullscreen']);
      expect(items(submenu(menu(template, 'Help')))).toEqual(['Keyboard shortcuts [CmdOrCtrl+/]', 'Open data folder', 'About JFP Studio']);
      // A plan's "&" is shown, not taken as an access key.
      expect(submenu(submenu(menu(template, 'File'))[1]).map((i) => i.label)).toEqual(['Health && care plan']);
    }
  });

  it('on macOS: the app menu first (About, Quit), Close window in File, no About in Help', () => {
    const template = menuTemplate({ development: false, platform: 'darwin' });
    expect(template.map((i) => i.label ?? `role:${i.role}`)).toEqual(['role:appMenu', 'File', 'Edit', 'View', 'role:windowMenu', 'Help']);
    expect(items(submenu(menu(template, 'File'))).at(-1)).toBe('role:close');
    expect(items(submenu(menu(template, 'Help')))).toEqual(['Keyboard shortcuts [CmdOrCtrl+/]', 'Open data folder']);
  });

  it('developer tools and reload only in development', () => {
    const roles = (development: boolean) => submenu(menu(menuTemplate({ development, platform: 'linux' }), 'View')).map((i) => i.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('sends each page command as a menuCommand event the contract accepts, and opens the data folder', () => {
    const sent: MenuCommand[] = [];
    const openDataFolder = vi.fn();
    const template = menuTemplate({
      development: false,
      platform: 'linux',
      recentPlans: Array.from({ length: 10 }, (_, i) => ({ id: `plan-${i}`, title: `Plan ${i}` })),
      theme: 'dark',
      onCommand: (command) => sent.push(command),
      openDataFolder,
    });
    const file = submenu(menu(template, 'File'));
    click(file.find((i) => i.label === 'New plan…'));
    const recent = submenu(file.find((i) => i.label === 'Open recent'));
    expect(recent).toHaveLength(8);
    click(recent[2]);
    click(file.find((i) => i.label === 'Save version…'));
    click(file.find((i) => i.label === 'Import from Word…'));
    click(file.find((i) => i.label === 'Backups…'));
    click(file.find((i) => i.label === 'Export…'));
    click(file.find((i) => i.label === 'Print or save as PDF…'));
    click(submenu(menu(template, 'Edit')).find((i) => i.label === 'Find in plan…'));
    const themes = submenu(submenu(menu(template, 'View')).find((i) => i.label === 'Theme'));
    expect(themes.map((t) => `${t.label}${t.checked ? ' (chosen)' : ''}`)).toEqual(['Same as the system', 'Light', 'Dark (chosen)']);
    click(themes[1]);
    const help = submenu(menu(template, 'Help'));
    click(help.find((i) => i.label === 'Keyboard shortcuts'));
    click(help.find((i) => i.label === 'Open data folder'));
    expect(sent).toEqual([
      { command: 'newPlan' },
      { command: 'openPlan', planId: 'plan-2' },
      { command: 'saveVersion' },
      { command: 'importWord' },
      { command: 'showBackups' },
      { command: 'exportPlan' },
      { command: 'print' },
      { command: 'findInPlan' },
      { command: 'setTheme', theme: 'light' },
      { command: 'showShortcuts' },
    ]);
    for (const command of sent) expect(events.menuCommand.safeParse(command).success).toBe(true);
    expect(openDataFolder).toHaveBeenCalledOnce();
    expect(submenu(menuTemplate({ development: false, platform: 'linux' })[0]).find((i) => i.label === 'Open recent')?.submenu).toEqual([
      { label: 'No plans yet', enabled: false },
    ]);
  });
});
