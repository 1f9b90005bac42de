// The delivery table in and out of Excel at the size: exporting 400
// commitments, each with five planned years and 20 actuals, as .xlsx (target
// under 1 s) and .csv; and importing a 5,000-row .xlsx from reading the file to
// the committed transaction (target under 3 s), through the same service
// functions the contract methods call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServices } from '../../electron/services/app-services';
import { commitmentsFile, confirmCommitmentImport, previewFile } from '../../electron/services/commitments/excel-service';
import { writeXlsx } from '../../electron/services/commitments/xlsx-io';
import { summarise, time, type BenchRow } from './measure';

const SHAPE = { commitments: 400, actualsEach: 20, importRows: 5_000 };
const TARGETS = { exportXlsxMs: 1000, importXlsxMs: 3000 };

/** 20 month-ends from April 2025, all in the past. */
const ACTUAL_DATES = Array.from({ length: SHAPE.actualsEach }, (_, i) => {
  const month = 3 + i; // 0-based from January 2025
  const end = new Date(Date.UTC(2025, month + 1, 0));
  return end.toISOString().slice(0, 10);
});

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-bench-excel-'));
  const app = startServices(path.join(dir, 'jfp.db'), { log: () => {} });
  try {
    const { store } = app;
    const plan = store.write(() => store.plans.get(store.createPlan({ title: 'Bench plan', icbName: 'NHS Bench ICB', startYear: 2026, templateId: 'blank' }, [])));
    store.write(() => {
      const rows = Array.from({ length: SHAPE.commitments }, (_, i) => ({
        priority: ['Start well', 'Live well', 'Age well'][i % 3]!,
        commitment: `Commitment ${i + 1}: reduce waiting times for service ${i + 1} across the system`,
        metric: `Metric ${i + 1} (%)`,
        baseline: `${50 + (i % 30)}%`,
        baselineValue: 50 + (i % 30),
        target: '90%',
        targetYear: 2026 + (i % 5),
        leadOrg: `Trust ${i % 12}`,
        trajectory: [2026, 2027, 2028, 2029, 2030].map((year, y) => ({ year, planned: 55 + y * 7 + (i % 5) })),
      }));
      for (const c of store.commitments.addMany(plan.id, rows)) {
        ACTUAL_DATES.forEach((date, k) => store.commitments.addActual(c.id, { date, value: 50 + k, source: 'Bench' }));
      }
    });

    const exportXlsx = await time(() => commitmentsFile(store, plan.id, 'xlsx'), 5, 1);
    const exportCsv = await time(() => commitmentsFile(store, plan.id, 'csv'), 5, 1);
    const xlsxBytes = (await commitmentsFile(store, plan.id, 'xlsx')).length;

    // A 5,000-row workbook in this app's own layout, imported into a fresh plan each time (all rows are added).
    const header = [
      'Priority',
      'Commitment',
      'Metric',
      'Baseline',
      'Target',
      'Target year',
      'Lead organisation',
      'Planned 2026/27',
      'Planned 2027/28',
      'Planned 2028/29',
    ];
    const importFile = path.join(dir, 'import.xlsx');
    fs.writeFileSync(
      importFile,
      await writeXlsx(
        [
          {
            name: 'Commitments',
            columns: header.map((h, i) => ({ header: h, width: 16, numeric: i >= 7 })),
            rows: Array.from({ length: SHAPE.importRows }, (_, i) => [
              ['Start well', 'Live well', 'Age well'][i % 3]!,
              `Imported commitment ${i + 1}`,
              `Metric ${i}`,
              `${i % 100}`,
              '90%',
              `${2026 + (i % 5)}/${String(27 + (i % 5)).padStart(2, '0')}`,
              `Trust ${i % 12}`,
              60 + (i % 7),
              65 + (i % 7),
              70 + (i % 7),
            ]),
          },
        ],
        { creator: 'Bench', title: 'Import' },
      ),
    );
    let plans = 0;
    const importTimes = await time(
      async () => {
        const target = store.write(() => store.createPlan({ title: `Import ${plans++}`, icbName: 'NHS Bench ICB', startYear: 2026, templateId: 'blank' }, []));
        const preview = await previewFile(store, target, importFile);
        if (preview.refused.length > 0 || preview.toAdd !== SHAPE.importRows) throw new Error(`bench import: ${preview.refused[0]?.message ?? preview.toAdd}`);
        await confirmCommitmentImport({ store }, { importId: preview.importId, mapping: preview.mapping });
      },
      3,
      1,
    );
    const previewOnly = await time(async () => previewFile(store, plan.id, importFile), 3, 1);

    const detail = `${SHAPE.commitments} commitments x 5 planned years x ${SHAPE.actualsEach} actuals`;
    return [
      summarise('export .xlsx', exportXlsx, TARGETS.exportXlsxMs, `${detail}; ${Math.round(xlsxBytes / 1024)} KB`),
      summarise('export .csv', exportCsv, undefined, detail),
      summarise('import .xlsx (read, check, save)', importTimes, TARGETS.importXlsxMs, `${SHAPE.importRows.toLocaleString('en-GB')} rows added in one transaction`),
      summarise('preview .xlsx import (read, check)', previewOnly, undefined, `${SHAPE.importRows.toLocaleString('en-GB')} rows, nothing saved`),
    ];
  } finally {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
