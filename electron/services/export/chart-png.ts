// #11 The trajectory chart as files for documents: the shared React component
// rendered to SVG markup in Node, and that SVG drawn to a PNG by resvg (Word
// cannot show SVG everywhere; a PNG with alt text it can).
//
// Fonts: resvg draws text only with fonts it is given. Scanning every system
// font for each chart is slow, so one sans-serif file found in the usual places
// (Windows, macOS, Linux) is loaded once and named as the default family. On a
// machine with none the chart still draws, without its labels; the alt text and
// the table beside it carry every number.
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { CHART_SIZE, TrajectoryChart, type TrajectoryChartProps } from '../../../shared/trajectory-chart';

/** Sans-serif fonts to draw labels with, best first: [file, family]. */
const FONT_CANDIDATES: ReadonlyArray<readonly [string, string]> = [
  ['C:\\Windows\\Fonts\\arial.ttf', 'Arial'],
  ['/System/Library/Fonts/Supplemental/Arial.ttf', 'Arial'],
  ['/Library/Fonts/Arial.ttf', 'Arial'],
  ['/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans'],
  ['/usr/share/fonts/TTF/DejaVuSans.ttf', 'DejaVu Sans'],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', 'DejaVu Sans'],
];

let chosenFont: { file: string; family: string } | null | undefined;

/** The font labels are drawn with, or null when this machine has none of the candidates. */
export function chartFont(): { file: string; family: string } | null {
  if (chosenFont === undefined) {
    const found = FONT_CANDIDATES.find(([file]) => fs.existsSync(file));
    chosenFont = found ? { file: found[0], family: found[1] } : null;
  }
  return chosenFont;
}

/** The chart as standalone SVG markup (an XML declaration is not needed by Word, browsers or resvg). */
export function trajectorySvg(props: TrajectoryChartProps): string {
  return renderToStaticMarkup(createElement(TrajectoryChart, props));
}

/** SVG markup drawn to PNG at `scale` times its size (2 = sharp when printed at its size in the document). */
export function svgToPng(svg: string, scale = 2): { png: Uint8Array; width: number; height: number } {
  const font = chartFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#FFFFFF',
    font: font ? { loadSystemFonts: false, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family } : { loadSystemFonts: false },
  });
  const image = resvg.render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

export const CHART_PIXELS = CHART_SIZE;
