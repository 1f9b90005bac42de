// #12 app icons: electron-builder.yml names icon files that exist and are what each
// system expects (PNG set for Linux, .ico for Windows, .icns for macOS, all made by
// scripts/icons.mjs from build/icon.svg), and the window gets the PNG on Windows and Linux.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOW_ICON, windowBackground, windowIcon } from '../../electron/app-icon';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** `icon:` of each top-level section of electron-builder.yml (win, mac, linux). */
function iconKeys(): Record<string, string> {
  const keys: Record<string, string> = {};
  let section = '';
  for (const line of CONFIG.split('\n')) {
    const top = /^(\w+):/.exec(line);
    if (top) section = top[1]!;
    const icon = /^ {2}icon: (\S+)/.exec(line);
    if (icon) keys[section] = icon[1]!;
  }
  return keys;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): [number, number] {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('the app icons', () => {
  it('electron-builder.yml names an icon for Windows, macOS and Linux, and each file exists', () => {
    const keys = iconKeys();
    expect(keys).toEqual({ linux: 'build/icons', win: 'build/icon.ico', mac: 'build/icon.icns' });
    expect(CONFIG).toMatch(/^ {2}buildResources: build$/m);
    // The window's PNG is packed into the app (build/ is otherwise left out).
    expect(CONFIG).toContain(`  - ${WINDOW_ICON.split(path.sep).join('/')}\n`);
    for (const file of Object.values(keys)) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it('the Linux set and build/icon.png are PNGs of their named sizes, 16 to 1024 px', () => {
    expect(pngSize(path.join(ROOT, 'build', 'icon.png'))).toEqual([1024, 1024]);
    const names = fs.readdirSync(path.join(ROOT, 'build', 'icons')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual(['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png', '1024x1024.png']);
    for (const name of names) {
      const size = parseInt(name);
      expect(pngSize(path.join(ROOT, 'build', 'icons', name)), name).toEqual([size, size]);
    }
    // Drawn, not blank: the 16 px icon is mostly NHS Blue, which PNG stores compressed, so a blank one would be tiny.
    expect(fs.statSync(path.join(ROOT, 'build', 'icons', '16x16.png')).size).toBeGreaterThan(200);
  });

  it('the .ico holds 16 to 256 px images and the .icns is a well-formed Apple icon file', () => {
    const ico = fs.readFileSync(path.join(ROOT, 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < count; i++) {
      const length = ico.readUInt32LE(6 + i * 16 + 8);
      const offset = ico.readUInt32LE(6 + i * 16 + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
    }
    const icns = fs.readFileSync(path.join(ROOT, 'build', 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // Its entries chain to the end of the file, and include the 512 and 1024 px (Retina) ones.
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic09', 'ic10']));
  });

  it('the window takes the PNG on Windows and Linux, and the bundle icon on macOS; its first colour follows the theme', () => {
    expect(windowIcon('/app', 'linux')).toBe(path.join('/app', 'build', 'icons', '256x256.png'));
    expect(windowIcon('/app', 'win32')).toBe(path.join('/app', 'build', 'icons', '256x256.png'));
    expect(windowIcon('/app', 'darwin')).toBeUndefined();
    expect(fs.existsSync(windowIcon(ROOT, 'linux')!)).toBe(true);
    expect(windowBackground(true)).toBe('#15191c');
    expect(windowBackground(false)).toBe('#f0f4f5');
  });
});
