// #11 The trajectory chart: drawn as SVG in Node with its title, description,
// financial-year axis, planned line and actual points; as a PNG (labels drawn
// where a font is found); and in the Word and HTML delivery appendix as a
// picture with alt text and the numbers in a table below it.
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chartFont, svgToPng, trajectorySvg } from '../../electron/services/export/chart-png';
import { exportDocument } from '../../electron/services/export';
import { pngSize } from '../../electron/services/export/model/build';
import type { Actual, Commitment, TrajectoryPoint } from '../../shared/domain';
import type { PlanExportData } from '../../shared/export';
import { computeRag } from '../../shared/rag';
import { yearPosition } from '../../shared/trajectory-chart';
import { NS, paragraphs, readDocx, textOf, wElements } from '../support/docx-reader';
import { fixtureData } from '../support/export-fixture';

const trajectory: TrajectoryPoint[] = [
  { year: 2026, planned: 75 },
  { year: 2027, planned: 77 },
  { year: 2028, planned: 80 },
  { year: 2029, planned: null },
  { year: 2030, planned: 80 },
];
const actual = (id: string, date: string, value: number): Actual => ({
  id,
  commitmentId: 'c1',
  date,
  value,
  source: 'Monthly return',
  createdAt: '2026-10-01T00:00:00.000Z',
});
const actuals = [actual('a1', '2026-06-30', 71.9), actual('a2', '2026-09-30', 72.4)];
const props = { metric: 'Cancer 62-day standard', trajectory, actuals, idPrefix: 'c1' };

describe('the trajectory chart', () => {
  it('draws an accessible SVG in Node: title, description, financial years on the axis, the line and each actual', () => {
    const svg = trajectorySvg(props);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Trajectory: Cancer 62-day standard</title>');
    expect(svg).toContain(
      '<desc id="c1-desc">Planned: 75 in 2026/27, 77 in 2027/28, 80 in 2028/29, 80 in 2030/31. 2 actuals recorded; the latest is 72.4 on 30 Sep 2026.</desc>',
    );
    for (const year of ['2026/27', '2027/28', '2028/29', '2029/30', '2030/31']) expect(svg).toContain(`>${year}</tspan>`);
    // The planned line in NHS blue, and one dark diamond per actual (plus the legend's).
    expect(svg).toMatch(/<path[^>]*stroke:#005EB8/);
    expect(svg.match(/<path[^>]*fill:#212B32/g)?.length).toBe(actuals.length);
    // Every id carries the chart's prefix, so many charts can share one page.
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.filter((id) => !id.startsWith('c1-'))).toEqual([]);
  });

  it('places a date within its financial year on the axis', () => {
    expect(yearPosition('2026-04-01')).toBe(2026);
    expect(yearPosition('2026-10-01')).toBeCloseTo(2026.5, 2);
    expect(yearPosition('2027-03-31')).toBeGreaterThan(2026.99);
  });

  it('draws to a PNG one and a half times its size, its labels in the packaged font on any machine', () => {
    const svg = trajectorySvg(props);
    const { png, width, height } = svgToPng(svg);
    expect([width, height]).toEqual([720, 390]);
    expect(pngSize(png)).toEqual({ width: 720, height: 390 });
    // The font comes from the npm package, never from the machine, so a machine with no sans-serif font draws the same labels.
    expect(chartFont().file.split(path.sep).join('/')).toMatch(/node_modules\/@expo-google-fonts\/open-sans\/400Regular\/OpenSans_400Regular\.ttf$/);
    const unlabelled = svgToPng(svg.replace(/<text[\s\S]*?<\/text>/g, ''));
    // The financial years under the x axis (SVG y 220 to 240, times 1.5), right of the value labels.
    const labelBand = { left: 90, right: 700, top: 328, bottom: 362 };
    const inkOf = (image: Uint8Array) => darkPixels(decodePng(image), labelBand);
    expect(inkOf(unlabelled.png)).toBe(0);
    // Five year labels such as "2026/27": a few hundred text-coloured pixels.
    expect(inkOf(png)).toBeGreaterThan(200);
    // The same on every run: nothing depends on what the machine has installed.
    expect(Buffer.from(svgToPng(svg).png).equals(Buffer.from(png))).toBe(true);
  });
});

/** RGBA pixels of an 8-bit RGB or RGBA PNG (what resvg writes): inflate the image data and undo each row's filter. */
function decodePng(png: Uint8Array): { width: number; height: number; channels: number; pixels: Uint8Array } {
  const bytes = Buffer.from(png);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colourType = bytes[25]!;
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  expect([bytes[24], channels > 0]).toEqual([8, true]);
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function darkPixels(image: ReturnType<typeof decodePng>, box: { left: number; right: number; top: number; bottom: number }): number {
  let count = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      const at = (y * image.width + x) * image.channels;
      if (image.pixels[at]! < 110 && image.pixels[at + 1]! < 110 && image.pixels[at + 2]! < 110) count++;
    }
  }
  return count;
}

function withTrajectories(): PlanExportData {
  const data = fixtureData();
  const [first, ...rest] = data.commitments;
  const drawn: Commitment = {
    ...first!,
    metric: 'Wards with a family hub',
    baselineValue: 12,
    baselineDate: '2025-03-31',
    trajectory: [
      { year: 2026, planned: 20 },
      { year: 2027, planned: 28 },
      { year: 2028, planned: 40 },
      { year: 2029, planned: 40 },
      { year: 2030, planned: null },
    ],
    actuals: [actual('h1', '2026-06-30', 17), actual('h2', '2026-09-30', 19.5)],
  };
  drawn.ragComputed = computeRag(drawn);
  return { ...data, commitments: [drawn, ...rest] };
}

describe('the delivery appendix with trajectories', () => {
  it('Word: a chart picture with alt text, and a table of its numbers below it', async () => {
    const result = await exportDocument({ data: withTrajectories(), options: { issueDate: '2026-03-04' } });
    const pkg = readDocx(result.content as Buffer);
    const doc = pkg.xml('word/document.xml');
    const pictures = Array.from(doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'docPr'));
    const chart = pictures.find((p) => p.getAttribute('name') === 'Trajectory chart')!;
    expect(chart.getAttribute('descr')).toBe(
      'Trajectory: Wards with a family hub. Planned: 20 in 2026/27, 28 in 2027/28, 40 in 2028/29, 40 in 2029/30. 2 actuals recorded; the latest is 19.5 on 30 Sep 2026. The table below gives every value.',
    );
    expect(pictures.filter((p) => p.getAttribute('name') === 'Trajectory chart')).toHaveLength(1);
    const media = pkg.names().filter((n) => n.startsWith('word/media/'));
    expect(media.some((n) => pngSize(pkg.bytes(n))?.width === 720)).toBe(true);

    const texts = paragraphs(pkg).map((p) => p.text);
    expect(texts).toContain('Trajectories and latest actuals');
    expect(texts).toContain('Trajectory: Wards with a family hub');
    expect(texts).toContain(
      'Status: Green - on track, set by hand: Set in the test fixture. (computed from the actuals: Latest actual 19.5 (30 Sep 2026) is 0.5 below the plan of 20 for 2026/27 (within 5%): amber.)',
    );
    const table = wElements(doc, 'tbl').find((t) => textOf(wElements(t, 'tr')[0]!) === 'Financial yearPlannedLatest actual')!;
    const rows = wElements(table, 'tr').map((r) => wElements(r, 'tc').map(textOf));
    expect(rows).toEqual([
      ['Financial year', 'Planned', 'Latest actual'],
      ['Baseline (31 Mar 2025)', '', '12'],
      ['2026/27', '20', '19.5 (30 Sep 2026)'],
      ['2027/28', '28', ''],
      ['2028/29', '40', ''],
      ['2029/30', '40', ''],
      ['2030/31', 'None planned', ''],
    ]);
    // The header row repeats, as every data table's does.
    expect(wElements(wElements(table, 'tr')[0]!, 'tblHeader')).toHaveLength(1);
    expect(NS.w).toBeTruthy();
  });

  it('HTML: the chart as an SVG image with alt text in a figure with its caption, then the table', async () => {
    const result = await exportDocument({ data: withTrajectories(), options: { format: 'html', issueDate: '2026-03-04' } });
    const page = result.content as string;
    const figure = /<figure class="chart"><figcaption>Trajectory: Wards with a family hub<\/figcaption><img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/.exec(
      page,
    );
    expect(figure).not.toBeNull();
    expect(figure![2]).toContain('Planned: 20 in 2026/27');
    const svg = Buffer.from(figure![1]!, 'base64').toString('utf8');
    expect(svg).toContain('<title id="chart-c0-title">Trajectory: Wards with a family hub</title>');
    expect(page).toContain('<caption>Trajectory: Wards with a family hub: planned values and latest actuals by financial year</caption>');
    // Commitments without a plan or actuals get no chart.
    expect(page.match(/<figure class="chart">/g)).toHaveLength(1);
  });
});
