// Typing latency in the real editor in Chromium, as a person feels it: a
// 20,000-word section with the comments panel open on 50 threads, one keystroke
// at a time. Three figures per keystroke:
// - task work (the target's figure): from the page starting to handle the keydown
//   (the wait before that, input delay, is reported apart) to the end of the key's own main-thread work,
//   with style and layout forced done, and no wait for a frame. A listener for the
//   key's input event, added on the editable element after the editor's own (so it
//   runs after them and after the microtasks in which Lexical commits and React
//   renders), forces layout in a microtask and reads the clock. (A task posted from the key would not
//   do: Chromium runs the next frame ahead of posted tasks after input, so it would
//   include the frame wait again.) Not included: the keyup's handlers, timers set for
//   later (the autosave's debounce, the word count's), tasks React's scheduler posts
//   (counted apart, as commits outside the editor) and painting in a later frame.
// - frame work: from the keydown's timestamp to the first animation frame with style and layout forced there
//   (includes waiting for that frame, so it cannot fall below the frame interval);
// - painted: from the keydown's timestamp to the second animation frame (the first runs before paint, the second after).
// In the same run and browser, the floor: a plain contenteditable holding the
// same words, measured the same three ways. It also counts the React commits each
// keystroke causes outside the editor's own subtree (renderer/app/commit-regions.tsx;
// the harness builds React's profiling entry so <Profiler> reports them).
// Target: task work p95 under 16 ms; one commit outside the editor (the save indicator).
import type { Page } from 'playwright-core';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { buildForHarness } from '../e2e/global-setup';
import { launchApp, type RunningApp } from '../e2e/harness';
import { percentile } from './measure';

const VOCABULARY =
  'population health inequalities prevention community services primary care urgent emergency mental wellbeing children young people workforce digital estates finance partnership outcomes access quality integration neighbourhood'.split(
    ' ',
  );

export function paragraphs(words: number): string[] {
  const out: string[] = [];
  let count = 0;
  let seed = 7;
  while (count < words) {
    const sentence: string[] = [];
    for (let i = 0; i < 60; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      sentence.push(VOCABULARY[seed % VOCABULARY.length]!);
    }
    out.push(`${sentence.join(' ')}.`);
    count += 60;
  }
  return out;
}

export interface Latency {
  keystrokes: number;
  medianMs: number;
  p95Ms: number;
}

export interface TypingResult {
  words: number;
  threads: number;
  ours: Latency;
  /** A plain contenteditable with the same words, in the same browser. */
  floor: Latency;
  /** Keydown to the first animation frame with style and layout forced done (includes the wait for that frame). */
  oursWork: Latency;
  floorWork: Latency;
  /** The app's own per-keystroke main-thread work (#12): keydown to the end of the tasks it caused, layout forced, no frame wait. */
  oursTask: Latency;
  floorTask: Latency;
  /** The key's wait for the main thread before any handler ran (not in oursTask). */
  oursDelay: Latency;
  /** React commits outside the editor's subtree, per keystroke. */
  commitsPerKeystroke: { mean: number; max: number };
  /** Which regions rendered in those commits, over the whole run. */
  regions: Record<string, number>;
}

/** What one keystroke cost, measured in the page. */
interface KeyMeasure {
  ms: number;
  /** Keydown to the first animation frame, after forcing style and layout there (includes waiting for the frame). */
  workMs: number;
  /** From the page starting to handle the keydown to the end of its input event's listeners and microtasks, layout forced: the key's own work, no frame wait. */
  taskMs: number;
  /** From the key's timestamp to the page starting to handle it: the wait for the main thread. */
  delayMs: number;
  /** Distinct React commits in which a region other than the editor rendered. */
  outsideCommits: number;
  regions: string[];
}

declare global {
  interface Window {
    __typing?: { measures: KeyMeasure[] };
  }
}

/**
 * Installs the timing in the page: from the keydown (capture) to the end of the key's
 * own work (its input event handled, layout forced) and to the first and second
 * animation frames. A keystroke's measure is kept once all three are known.
 */
async function installTiming(page: Page, editorSelector: string): Promise<void> {
  await page.evaluate(
    ({ selector, editorRegion }) => {
      const state = { measures: [] as KeyMeasure[] };
      window.__typing = state;
      window.__jfpCommits = [];
      let current: { start: number; handling: number; taskMs?: number; frames?: Omit<KeyMeasure, 'taskMs' | 'delayMs'> } | null = null;
      const finish = (key: NonNullable<typeof current>) => {
        if (key.taskMs !== undefined && key.frames) state.measures.push({ ...key.frames, taskMs: key.taskMs, delayMs: key.handling - key.start });
      };
      // Reading a layout value makes the browser finish style and layout now.
      const forceLayout = () => void document.body.getBoundingClientRect().height;
      const target = document.querySelector(selector)!;
      target.addEventListener(
        'keydown',
        (event) => {
          // The frame figures start at the key's timestamp (when the browser took it); the work figure starts when the
          // page begins handling it, so time the key waited for the main thread (input delay) is reported apart.
          const key: NonNullable<typeof current> = { start: event.timeStamp, handling: performance.now() };
          current = key;
          const commits = window.__jfpCommits!;
          const from = commits.length;
          requestAnimationFrame(() => {
            forceLayout();
            const workMs = performance.now() - key.start;
            requestAnimationFrame(() => {
              const ms = performance.now() - key.start;
              const outside = commits.slice(from).filter((c) => c.region !== editorRegion);
              key.frames = { ms, workMs, outsideCommits: new Set(outside.map((c) => c.commitTime)).size, regions: outside.map((c) => c.region) };
              finish(key);
            });
          });
        },
        true,
      );
      // The last listeners of the key's text change: on the editable element itself (Lexical stops the input event
      // there), added after the editor's own, so they run after them and after the microtasks those queued (Lexical's
      // commit, React's synchronous render); one more microtask lets anything queued at the very end finish too.
      // A beforeinput the editor took over (prevented) ends it there.
      const ended = (event: Event) => {
        const key = current;
        if (!key || key.taskMs !== undefined || (event.type === 'beforeinput' && !event.defaultPrevented)) return;
        queueMicrotask(() => {
          forceLayout();
          key.taskMs = performance.now() - key.handling;
          finish(key);
        });
      };
      target.addEventListener('beforeinput', ended);
      target.addEventListener('input', ended);
    },
    { selector: editorSelector, editorRegion: 'editor' },
  );
}

/** Types `keystrokes` keys, waiting for each one's measurement before the next (as a steady typist would). */
async function typeAndMeasure(page: Page, keystrokes: number): Promise<KeyMeasure[]> {
  const text = 'and we will improve outcomes ';
  for (let i = 0; i < keystrokes; i++) {
    const char = text[i % text.length]!;
    await page.keyboard.press(char === ' ' ? 'Space' : char);
    await page.waitForFunction((n) => (window.__typing?.measures.length ?? 0) >= n, i + 1, { polling: 'raf' });
  }
  return page.evaluate(() => window.__typing!.measures);
}

const latency = (measures: KeyMeasure[], of: 'ms' | 'workMs' | 'taskMs' | 'delayMs' = 'ms'): Latency => {
  const times = measures.map((m) => m[of]);
  return { keystrokes: times.length, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) };
};

async function seedPlan(app: RunningApp, words: number, threads: number) {
  const plan = await app.call('createPlan', { title: 'Typing bench', icbName: 'NHS Bench ICB', startYear: 2026, templateId: 'blank' });
  const section = await app.call('addSection', { planId: plan.id, parentId: null, title: 'Long section' });
  await app.call('addSection', { planId: plan.id, parentId: null, title: 'Another section' });
  await app.call('saveSectionContent', { sectionId: section.id, revision: 1, content: contentFromParagraphs(paragraphs(words)) });
  const reviewer = await app.call('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Bench', orgType: 'healthwatch', email: '' });
  for (let i = 0; i < threads; i++) {
    await app.call('createThread', {
      planId: plan.id,
      sectionId: section.id,
      stakeholderId: reviewer.id,
      body: `Comment ${i + 1}: please add the baseline for this measure.`,
      quote: '',
    });
  }
  return { planId: plan.id, sectionId: section.id };
}

async function measureOurs(app: RunningApp, keystrokes: number, words: number, threads: number): Promise<KeyMeasure[]> {
  const { planId, sectionId } = await seedPlan(app, words, threads);
  await app.open(`#/plan/${planId}/section/${sectionId}`);
  await app.page.getByRole('button', { name: /^Comments \(/ }).click();
  await app.page
    .getByRole('list', { name: 'Comment threads' })
    .locator('li')
    .nth(threads - 1)
    .waitFor();
  const editor = app.page.getByRole('textbox', { name: 'Text of Long section' });
  await editor.click();
  await app.page.keyboard.press('Control+End');
  await installTiming(app.page, '[data-lexical-editor]');
  return typeAndMeasure(app.page, keystrokes);
}

async function measureFloor(app: RunningApp, keystrokes: number, words: number): Promise<KeyMeasure[]> {
  const page = await app.browser.newPage();
  try {
    await page.setContent('<!doctype html><div id="plain" contenteditable="true" style="max-width: 50rem; font: 16px sans-serif"></div>');
    await page.evaluate((texts) => {
      const root = document.getElementById('plain')!;
      for (const text of texts) {
        const p = document.createElement('p');
        p.textContent = text;
        root.append(p);
      }
    }, paragraphs(words));
    await page.click('#plain');
    await page.keyboard.press('Control+End');
    await installTiming(page, '#plain');
    return await typeAndMeasure(page, keystrokes);
  } finally {
    await page.close();
  }
}

/**
 * Frames are not held to the display's 60 Hz clock, so "the second animation frame
 * after the key" measures the work of the key (script, style, layout, paint), not
 * the wait for the next vsync, which is the same for every page (up to 33 ms).
 */
const UNPACED_FRAMES = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

export async function runTypingBench(keystrokes = 200, words = 20_000, threads = 50): Promise<TypingResult> {
  // The renderer built and the browser found; no shared browser (the app launches its own, closed with it).
  await buildForHarness();
  const app = await launchApp({ browserArgs: UNPACED_FRAMES });
  try {
    const ours = await measureOurs(app, keystrokes, words, threads);
    const floor = await measureFloor(app, keystrokes, words);
    const regions: Record<string, number> = {};
    for (const m of ours) for (const r of m.regions) regions[r] = (regions[r] ?? 0) + 1;
    const outside = ours.map((m) => m.outsideCommits);
    return {
      words,
      threads,
      ours: latency(ours),
      floor: latency(floor),
      oursWork: latency(ours, 'workMs'),
      floorWork: latency(floor, 'workMs'),
      oursTask: latency(ours, 'taskMs'),
      floorTask: latency(floor, 'taskMs'),
      oursDelay: latency(ours, 'delayMs'),
      commitsPerKeystroke: { mean: outside.reduce((a, b) => a + b, 0) / outside.length, max: Math.max(...outside) },
      regions,
    };
  } finally {
    await app.close();
  }
}
