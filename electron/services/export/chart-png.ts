// #11 The trajectory chart as files for documents: the shared React component
// rendered to SVG markup in Node, and that SVG drawn to a PNG by resvg (Word
// cannot show SVG everywhere; a PNG with alt text it can).
//
// Fonts: resvg draws text only with fonts it is given, and a machine may have no
// sans-serif font at all (a minimal Linux). So the labels are drawn with Open Sans
// (SIL Open Font Licence) shipped in the npm package @expo-google-fonts/open-sans,
// with system fonts never scanned: the same PNG on every machine, and no scan of
// every installed font per chart.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { CHART_SIZE, TrajectoryChart, type TrajectoryChartProps } from '../../../shared/trajectory-chart';

const FONT_FILE = '@expo-google-fonts/open-sans/400Regular/OpenSans_400Regular.ttf';
const FONT_FAMILY = 'Open Sans';

let chosenFont: { file: string; family: string } | undefined;

/** The font file the labels are drawn with (from node_modules, beside @resvg/resvg-js). */
export function chartFont(): { file: string; family: string } {
  // In the CommonJS bundles (the app, the export worker, jfp) import.meta.url is empty: resolve from the bundle's own file.
  chosenFont ??= { file: createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve(FONT_FILE), family: FONT_FAMILY };
  return chosenFont;
}

/** The chart as standalone SVG markup (an XML declaration is not needed by Word, browsers or resvg). */
export function trajectorySvg(props: TrajectoryChartProps): string {
  return renderToStaticMarkup(createElement(TrajectoryChart, props));
}

/** SVG markup drawn to PNG at `scale` times its size (1.5: about 130 dpi at the printed width, sharp enough in print and quick to draw). */
export function svgToPng(svg: string, scale = 1.5): { png: Uint8Array; width: number; height: number } {
  const font = chartFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#FFFFFF',
    font: { loadSystemFonts: false, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family },
  });
  const image = resvg.render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

export const CHART_PIXELS = CHART_SIZE;
