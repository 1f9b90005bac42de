// #12: the window's size, position, maximised state and theme are remembered in
// a small JSON file, which is validated, and a position off every screen is corrected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToScreens, readWindowState, WINDOW_STATE_FILE, writeWindowState } from '../../electron/window-state';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-window-'));
  file = path.join(dir, WINDOW_STATE_FILE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const monitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('the remembered window', () => {
  it('writes and reads back size, position, maximised state and theme', () => {
    writeWindowState(file, { x: 1500, y: 40, width: 1600, height: 900, maximised: true, theme: 'dark' });
    expect(readWindowState(file)).toEqual({ x: 1500, y: 40, width: 1600, height: 900, maximised: true, theme: 'dark' });
    expect(fs.readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('gives the defaults for a missing, unreadable or invalid file', () => {
    expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    for (const text of [
      '{"width": 1200',
      'null',
      '[]',
      '{"width": "wide", "height": 800}',
      '{"width": 1e9, "height": 800}',
      '{"width": 1200, "height": 800, "theme": "neon"}',
    ]) {
      fs.writeFileSync(file, text);
      expect(readWindowState(file), text).toEqual(DEFAULT_WINDOW_STATE);
    }
    // A position needs both coordinates.
    fs.writeFileSync(file, '{"x": 10, "width": 1200, "height": 800}');
    expect(readWindowState(file)).toEqual({ width: 1200, height: 800, maximised: false, theme: 'system' });
  });

  it('keeps a window that is on a screen where it was', () => {
    const state = { x: 1500, y: 40, width: 1600, height: 900, maximised: false, theme: 'system' as const };
    expect(fitToScreens(state, [laptop, monitor])).toEqual(state);
  });

  it('brings back a window left on a monitor that has been unplugged, no larger than the screen', () => {
    const fitted = fitToScreens({ x: 1500, y: 40, width: 1800, height: 1000, maximised: false, theme: 'system' }, [laptop]);
    expect(fitted).toEqual({ width: 1366, height: 728, maximised: false, theme: 'system' });
  });

  it('corrects a title bar above the screen or a window almost entirely off it, and keeps the minimum size', () => {
    expect(fitToScreens({ x: 100, y: -500, width: 1000, height: 700, maximised: false, theme: 'system' }, [laptop]).x).toBeUndefined();
    expect(fitToScreens({ x: 1340, y: 100, width: 1000, height: 700, maximised: false, theme: 'system' }, [laptop]).x).toBeUndefined();
    expect(fitToScreens({ x: 10, y: 10, width: 200, height: 150, maximised: false, theme: 'system' }, [laptop])).toMatchObject({ x: 10, y: 10, width: 720, height: 480 });
  });
});
