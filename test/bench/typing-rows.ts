// The Chromium typing benchmark (typing-bench.ts) as rows of the benchmark
// table: the app's per-keystroke task work (the target's figure), the frame-based
// figures, and the plain-contenteditable floor side by side, then React
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
      measure: `Keystroke work (the app's tasks, no frame wait), ${words}-word section, comments panel open`,
      median: result.oursTask.medianMs,
      p95: result.oursTask.p95Ms,
      targetMs: 16,
      detail: `The target's figure: keydown handler start to the end of its input event's listeners and microtasks, layout forced there (key handling, Lexical, React, style, layout; not keyup, later timers, React's scheduled tasks or paint). Floor the same way: ${result.floorTask.medianMs.toFixed(1)}/${result.floorTask.p95Ms.toFixed(1)} ms median/p95. Input delay before the handler (not included): ${result.oursDelay.medianMs.toFixed(1)}/${result.oursDelay.p95Ms.toFixed(1)} ms`,
    },
    {
      measure: `Keystroke to first frame, layout done, ${words}-word section`,
      median: result.oursWork.medianMs,
      p95: result.oursWork.p95Ms,
      detail: `Keydown to the first animation frame with style and layout forced there: includes waiting for that frame, so not the app's cost. Floor the same way: ${result.floorWork.medianMs.toFixed(1)}/${result.floorWork.p95Ms.toFixed(1)} ms median/p95`,
    },
    {
      measure: `Keystroke to painted frame, ${words}-word section, comments panel open (${result.threads} threads)`,
      median: result.ours.medianMs,
      p95: result.ours.p95Ms,
      detail: `${result.ours.keystrokes} keystrokes in Chromium, keydown to the second animation frame, frames not held to 60 Hz (includes frame waits)`,
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
