// Renders the app icon (build/icon.svg, drawn for this project) into what the
// installers and the window need: build/icon.png (1024 px, electron-builder's
// source for anything it still makes), build/icons/<n>x<n>.png (the Linux set, and
// the window icon), build/icon.ico (Windows) and build/icon.icns (macOS).
// Run with `node scripts/icons.mjs` after changing the SVG; the outputs are committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'build');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const svg = fs.readFileSync(path.join(build, 'icon.svg'), 'utf8');
/** The SVG drawn at `size` pixels square (resvg draws vectors at the size, so small icons stay sharp). */
const render = (size) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());

fs.mkdirSync(path.join(build, 'icons'), { recursive: true });
const big = render(1024);
fs.writeFileSync(path.join(build, 'icon.png'), big);
for (const size of ICON_SIZES) fs.writeFileSync(path.join(build, 'icons', `${size}x${size}.png`), size === 1024 ? big : render(size));

// ICO: 16–256 px for Windows Explorer and the installer (forWinExe keeps the small ones as bitmaps, as rcedit expects).
const ico = png2icons.createICO(big, png2icons.BICUBIC2, 0, false, true);
// ICNS: macOS's sizes, each scaled from the 1024 px render.
const icns = png2icons.createICNS(big, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('icons: png2icons could not make the .ico or .icns');
fs.writeFileSync(path.join(build, 'icon.ico'), ico);
fs.writeFileSync(path.join(build, 'icon.icns'), icns);
process.stdout.write(`icons: ${ICON_SIZES.length} PNGs, icon.ico (${ico.length} bytes), icon.icns (${icns.length} bytes) in build/\n`);
