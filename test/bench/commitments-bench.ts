// #11 The delivery table at the size of a large ICB's: 400 commitments, each
// with a five-year trajectory and 20 actuals (8,000 actuals), in a temporary
// database, through the dispatcher the app uses. A list of named measurements:
// each engineer of #11 adds theirs to MEASUREMENTS (the grid, Excel in and out).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { svgToPng, trajectorySvg } from '../../electron/services/export/chart-png';
import type { Commitment, Plan } from '../../shared/domain';
import { planYears } from '../../shared/financial-year';
import { summarise, time, type BenchRow } from './measure';
import { planCommitment, seededRandom } from './plan-text';

export const DELIVERY_SHAPE = { commitments: 400, years: 5, actualsEach: 20 } as const;

export interface CommitmentsBench {
  services: AppServices;
  plan: Plan;
  /** The table as listCommitments returns it once built. */
  commitments: Commitment[];
  dir: string;
}

export interface Measurement {
  name: string;
  measure(bench: CommitmentsBench): Promise<BenchRow>;
}

async function list(bench: CommitmentsBench): Promise<Commitment[]> {
  const outcome = await bench.services.dispatch('listCommitments', { planId: bench.plan.id });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as Commitment[];
}

export const MEASUREMENTS: Measurement[] = [
  {
    name: 'listCommitments',
    async measure(bench) {
      const times = await time(() => list(bench), 30);
      return summarise(
        'Delivery table: listCommitments, 400 rows with trajectories, 8,000 actuals and computed RAG',
        times,
        100,
        'part of the grid opening in under 300 ms',
      );
    },
  },
  {
    // #11 list payload: what the grid is sent, beside the whole table with every actual (the exports' and CLI's list).
    name: 'listCommitmentRows',
    async measure(bench) {
      const rows = async () => {
        const outcome = await bench.services.dispatch('listCommitmentRows', { planId: bench.plan.id });
        if (!outcome.ok) throw new Error(outcome.error.message);
        return outcome.value;
      };
      const times = await time(rows, 30);
      const sent = JSON.stringify(await rows()).length;
      const whole = JSON.stringify(await list(bench)).length;
      return summarise(
        'Delivery table: listCommitmentRows, the grid’s 400 rows (computed RAG, count and latest actual)',
        times,
        100,
        `${(sent / 1e3).toFixed(0)} kB as JSON, against ${(whole / 1e6).toFixed(2)} MB for listCommitments with all 8,000 actuals`,
      );
    },
  },
  {
    name: 'chart',
    async measure(bench) {
      const rows = bench.commitments.slice(0, 20);
      const times = await time((i) => {
        const c = rows[Math.max(0, i) % rows.length]!;
        return svgToPng(trajectorySvg({ metric: c.metric, trajectory: c.trajectory, actuals: c.actuals, idPrefix: c.id }));
      }, 20);
      return summarise('Trajectory chart for the Word export: SVG then PNG, one commitment', times, undefined, 'per charted commitment in a .docx');
    },
  },
];

/** Builds the plan: rows through the store in one transaction (the dispatcher's addCommitment is measured elsewhere). */
export async function buildDeliveryPlan(): Promise<CommitmentsBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-bench-commitments-'));
  const services = startServices(path.join(dir, 'jfp.db'), { log: () => {} });
  const created = await services.dispatch('createPlan', { title: 'Benchmark delivery plan', icbName: 'NHS Benchmark ICB', startYear: 2026, templateId: 'blank' });
  if (!created.ok) throw new Error(created.error.message);
  const plan = created.value as Plan;
  const random = seededRandom(20261201);
  const years = planYears(plan.startYear);
  const store = services.store;
  store.write(() => {
    const rows = store.commitments.addMany(
      plan.id,
      Array.from({ length: DELIVERY_SHAPE.commitments }, (_, i) => ({
        ...planCommitment(random, i),
        direction: i % 3 === 0 ? ('lower' as const) : ('higher' as const),
        trajectory: years.map((year, y) => ({ year, planned: Math.round((50 + y * 5 + random() * 10) * 10) / 10 })),
      })),
    );
    for (const row of rows) {
      for (let a = 0; a < DELIVERY_SHAPE.actualsEach; a++) {
        // Monthly from April 2025 (the year before the plan) to November 2026.
        const month = 3 + a;
        const date = `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-28`;
        store.commitments.addActual(row.id, { date, value: Math.round((45 + random() * 25) * 10) / 10, source: 'Monthly return' });
      }
    }
  });
  const bench: CommitmentsBench = { services, plan, commitments: [], dir };
  bench.commitments = await list(bench);
  return bench;
}

export async function run(): Promise<BenchRow[]> {
  const bench = await buildDeliveryPlan();
  try {
    const rows: BenchRow[] = [];
    for (const measurement of MEASUREMENTS) rows.push(await measurement.measure(bench));
    return rows;
  } finally {
    bench.services.close();
    fs.rmSync(bench.dir, { recursive: true, force: true });
  }
}
