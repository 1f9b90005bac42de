// The Chromium typing benchmark (typing-bench.ts) as rows of the benchmark
// table. It builds the renderer and starts Chromium, so it takes longer than the
// main-process benchmarks (`npm run bench -- store` skips it).
import type { BenchRow } from './measure';
import { runTypingBench } from './typing-bench';

export async function run(): Promise<BenchRow[]> {
  const result = await runTypingBench();
  return [
    {
      measure: `Keystroke to screen in a ${result.words.toLocaleString('en-GB')}-word section`,
      median: result.medianMs,
      p95: result.p95Ms,
      targetMs: 16,
      detail: `${result.keystrokes} keystrokes in Chromium`,
    },
  ];
}
