// The Chromium typing benchmark (typing-bench.ts) as rows of the benchmark
// table: ours and the plain-contenteditable floor side by side, then React
// commits per keystroke outside the editor. It builds the renderer and starts
// Chromium, so it takes longer than the main-process benchmarks
// (`npm run bench -- store` skips it).
import type { BenchRow } from './measure';
import { runTypingBench } from './typing-bench';

export async function run(): Promise<BenchRow[]> {
  const result = await runTypingBench();
  const words = result.words.toLocaleString('en-GB');
  const regions = Object.entries(result.regions)
    .map(([region, count]) => `${region} ${count}`)
    .join(', ');
  return [
    {
      measure: `Keystroke work (keydown to layout done), ${words}-word section, comments panel open`,
      median: result.oursWork.medianMs,
      p95: result.oursWork.p95Ms,
      targetMs: 16,
      detail: `Fair per-keystroke figure: keydown to the first animation frame with style and layout forced there (script, Lexical, React, style, layout; no wait for a second frame). Floor the same way: ${result.floorWork.medianMs.toFixed(1)}/${result.floorWork.p95Ms.toFixed(1)} ms median/p95`,
    },
    {
      measure: `Keystroke to painted frame, ${words}-word section, comments panel open (${result.threads} threads)`,
      median: result.ours.medianMs,
      p95: result.ours.p95Ms,
      targetMs: 16,
      detail: `${result.ours.keystrokes} keystrokes in Chromium, keydown to the second animation frame, frames not held to 60 Hz`,
    },
    {
      measure: `Floor: plain contenteditable, same ${words} words, same browser`,
      median: result.floor.medianMs,
      p95: result.floor.p95Ms,
      detail: `${result.floor.keystrokes} keystrokes, measured the same way`,
    },
    {
      measure: 'React commits per keystroke outside the editor',
      detail: `mean ${result.commitsPerKeystroke.mean.toFixed(2)}, max ${result.commitsPerKeystroke.max} (target 1: the save indicator); regions rendered: ${regions || 'none'}`,
    },
  ];
}
