// What a benchmark module reports, and how timings are taken: scripts/bench.mjs
// runs each module's `run()` and prints its rows in one table.

/** One line of the benchmark table. Times are in milliseconds. */
export interface BenchRow {
  measure: string;
  median?: number;
  p95?: number;
  /** A single timing (for something measured once, such as a cold start). */
  value?: number;
  /** The figure must stay under this many milliseconds (compared with p95, else value). */
  targetMs?: number;
  detail?: string;
}

/** A benchmark module: what scripts/bench.mjs imports from each bundled entry. */
export interface BenchModule {
  run(): Promise<BenchRow[]>;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds taken by each of `runs` calls of `task` (after `warmup` untimed calls). */
export async function time(task: (run: number) => unknown, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await task(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task(i);
    times.push(performance.now() - start);
  }
  return times;
}

export function summarise(measure: string, times: number[], targetMs?: number, detail?: string): BenchRow {
  return { measure, median: percentile(times, 50), p95: percentile(times, 95), ...(targetMs !== undefined ? { targetMs } : {}), ...(detail ? { detail } : {}) };
}
