// #11 The trajectory chart: drawn as SVG in Node with its title, description,
// financial-year axis, planned line and actual points; as a PNG (labels drawn
// where a font is found); and in the Word and HTML delivery appendix as a
// picture with alt text and the numbers in a table below it.
import fs from 'node:fs';
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
  });

  it('places a date within its financial year on the axis', () => {
    expect(yearPosition('2026-04-01')).toBe(2026);
    expect(yearPosition('2026-10-01')).toBeCloseTo(2026.5, 2);
    expect(yearPosition('2027-03-31')).toBeGreaterThan(2026.99);
  });

  it('draws to a PNG twice its size, with its labels when the machine has a font', () => {
    const svg = trajectorySvg(props);
    const { png, width, height } = svgToPng(svg);
    expect([width, height]).toEqual([960, 520]);
    expect(pngSize(png)).toEqual({ width: 960, height: 520 });
    const unlabelled = svgToPng(svg.replace(/<text[\s\S]*?<\/text>/g, ''));
    if (chartFont()) expect(Buffer.from(png).equals(Buffer.from(unlabelled.png))).toBe(false);
    else expect(fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')).toBe(false);
  });
});

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
    expect(media.some((n) => pngSize(pkg.bytes(n))?.width === 960)).toBe(true);

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
