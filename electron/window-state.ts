// The main window's size, position and maximised state, and the chosen theme,
// kept between runs in a small JSON file in the data folder. Plain Node (no
// Electron) so it can be tested: the file is untrusted (hand-edited, truncated,
// from another machine), so it is validated, and a window that would open off
// every screen (a monitor unplugged since) is brought back onto the main one.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the system place the window (centred). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximised: boolean;
  theme: 'system' | 'light' | 'dark';
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximised: false, theme: 'system' };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 };
/** How much of the window must be on a screen for it to be reachable (its title bar, to drag it). */
const VISIBLE = { width: 120, height: 60 };

const coordinate = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(100).max(100_000);
const stored = z.object({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: size,
  height: size,
  maximised: z.boolean().default(false),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});

/** Reads the saved state; anything missing, unreadable or invalid gives the defaults. */
export function readWindowState(file: string): WindowState {
  try {
    const parsed = stored.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
    const { x, y, ...rest } = parsed.data;
    // A position needs both coordinates.
    return x !== undefined && y !== undefined ? { x, y, ...rest } : rest;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Writes through a temporary file and a rename, so a crash leaves the old file or the new one, never half of one. */
export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

const overlap = (a: Rect, b: Rect) => ({
  width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
  height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
});

/**
 * Fits the saved state to the screens there are now (work areas, the primary first): no
 * larger than the largest screen, and placed where enough of it is visible, else centred
 * by the system (no position).
 */
export function fitToScreens(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const widest = Math.max(...workAreas.map((a) => a.width));
  const tallest = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, widest));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, tallest));
  const { x, y, ...rest } = state;
  const fitted: WindowState = { ...rest, width, height };
  if (x === undefined || y === undefined) return fitted;
  const window = { x, y, width, height };
  const reachable = workAreas.some((area) => {
    const o = overlap(window, area);
    // The title bar (the top of the window) must be on this screen.
    return o.width >= Math.min(VISIBLE.width, width) && o.height >= Math.min(VISIBLE.height, height) && y >= area.y && y < area.y + area.height;
  });
  return reachable ? { ...fitted, x, y } : fitted;
}
