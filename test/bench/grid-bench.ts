// The delivery grid in Chromium with 400 commitments, each with 5 years of
// trajectory and 20 actuals: opening the table (route change to rows painted),
// a keystroke in a cell editor (the app's own work: keydown handler start to the
// end of the input event's listeners and microtasks, React's render committed,
// layout forced, no frame wait, input delay apart; and, for reference, to the
// first and second animation frames; each beside a plain <input> in the same
// browser as the floor), and sort and filter (click or change to React's
// render, style and layout done; and to the second animation frame). Targets: open < 300 ms,
// keystroke p95 < 16 ms, sort/filter < 50 ms.
import type { Page } from 'playwright-core';
import { buildForHarness } from '../e2e/global-setup';
import { launchApp, type RunningApp } from '../e2e/harness';
import { percentile, summarise, time, type BenchRow } from './measure';

const COMMITMENTS = 400;
const ACTUALS = 20;
/**
 * Sorts and filters timed. With 10, the p95 was simply the slowest run (often the first sort, which computes
 * every row's sort values, or a garbage collection); 30 give a p95 that is not one outlier. All runs count;
 * the first is also shown on its own.
 */
const SORT_FILTER_RUNS = 30;
const UNPACED_FRAMES = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

async function seed(app: RunningApp): Promise<string> {
  const plan = await app.call('createPlan', { title: 'Grid bench', icbName: 'NHS Bench ICB', startYear: 2026, templateId: 'blank' });
  const priorities = ['Start well', 'Live well', 'Age well', 'Urgent care', 'Workforce'];
  const leads = ['Acute trust', 'Community trust', 'Mental health trust', 'Primary care', 'Local authority'];
  for (let i = 0; i < COMMITMENTS; i++) {
    const row = await app.call('addCommitment', {
      planId: plan.id,
      fields: {
        priority: priorities[i % priorities.length],
        commitment: `Commitment ${i + 1}: improve access and outcomes for residents`,
        metric: `Measure ${i + 1}`,
        baseline: `${50 + (i % 30)}%`,
        target: `${70 + (i % 20)}%`,
        targetYear: 2026 + (i % 5),
        leadOrg: leads[i % leads.length],
        governanceGroup: `Board ${i % 4}`,
        baselineValue: 50 + (i % 30),
        trajectory: [0, 1, 2, 3, 4].map((y) => ({ year: 2026 + y, planned: 55 + y * 4 + (i % 10) })),
      },
    });
    for (let a = 0; a < ACTUALS; a++) {
      const month = new Date(Date.UTC(2025, 3 + a, 15));
      await app.call('addActual', { commitmentId: row.id, date: month.toISOString().slice(0, 10), value: 50 + a + (i % 7), source: 'Monthly return' });
    }
  }
  return plan.id;
}

/** Milliseconds from running `act` in the page to the second animation frame after it, and to the end of its synchronous work (React renders a click's update before returning). */
async function timeInPage(page: Page, act: string): Promise<{ frame: number; script: number; layout: number }> {
  return page.evaluate(async (code) => {
    const start = performance.now();
    new Function(code)();
    const script = performance.now() - start;
    // React renders a click's update in a microtask after the event: let those run, then force style and
    // layout at once: the main thread's whole work for the change, without waiting for a frame.
    for (let i = 0; i < 3; i++) await new Promise<void>((r) => queueMicrotask(r));
    void document.body.offsetHeight;
    const layout = performance.now() - start;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { frame: performance.now() - start, script, layout };
  }, act);
}

interface OpenTiming {
  /** Route change to rows painted, as measured in the page. */
  total: number;
  /** From the listCommitments answer arriving in the page to the rows painted: the renderer's own work. */
  renderer: number;
}

/**
 * Opens the table `runs` times. The harness carries the answer over Playwright's
 * pipe, which for the rows (2 MB before they left out their actuals) takes long where
 * Electron's IPC (structured clone, in memory) takes milliseconds; so the page
 * notes when the answer arrived and the renderer's part is measured from there.
 */
async function openTimes(page: Page, planId: string, runs: number): Promise<OpenTiming[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __jfpInvoke: (m: string, i: unknown) => Promise<string>; __listArrived?: number };
    const real = w.__jfpInvoke;
    w.__jfpInvoke = async (method, input) => {
      const answer = await real(method, input);
      if (method === 'listCommitmentRows') w.__listArrived = performance.now();
      return answer;
    };
  });
  const times: OpenTiming[] = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate((id) => (location.hash = `#/plan/${id}/sections`), planId);
    await page.locator('[role="grid"]').waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    times.push(
      await page.evaluate(async (id) => {
        const w = window as unknown as { __listArrived?: number };
        w.__listArrived = undefined;
        const start = performance.now();
        location.hash = `#/plan/${id}/commitments`;
        await new Promise<void>((resolve) => {
          const check = () => (document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]') ? resolve() : requestAnimationFrame(check));
          check();
        });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const end = performance.now();
        return { total: end - start, renderer: end - (w.__listArrived ?? start) };
      }, planId),
    );
  }
  return times;
}

/** What each keystroke cost, in milliseconds, measured in the page. */
interface KeyTimes {
  /** From the page starting to handle the keydown to the end of the key's own work (its input event handled, React committed, layout forced): no frame wait. */
  task: number[];
  /** From the key's timestamp to the page starting to handle it: the wait for the main thread (not in `task`). */
  delay: number[];
  /** Keydown (its timestamp) to the first animation frame with style and layout forced there (includes waiting for that frame). */
  frame: number[];
  /** Keydown (its timestamp) to the second animation frame. */
  painted: number[];
  /** Keystrokes whose end came before the typed character was in the input and, with React, in React's last committed render. */
  notCommitted: string[];
}

/**
 * Times `keystrokes` keys typed into the input inside `selector` (already focused), in the page:
 * - task (the target's figure): from a capture-phase keydown listener on the window (the first to run)
 *   to the end of the key's own work. A listener for the key's input event on the window runs after every
 *   listener below it, React's root listener included (React renders a controlled input's change before that
 *   listener returns, or in a microtask it queued there, which runs first); it queues one more microtask, which
 *   forces style and layout and reads the clock. So it covers key handling, React's render and commit of the
 *   cell editor, style and layout; not the keyup, timers set for later (the save's debounce), tasks React's
 *   scheduler posts or painting. It checks the typed character is in the input and, with `react`, that React's
 *   last committed props for the input (the element's __reactProps$) hold the same value, so the render is done.
 *   (A task posted from the key, as this bench used before, does not do: after input Chromium runs the next
 *   frame before posted tasks, so that figure included the frame wait.)
 * - delay: the key's wait before the keydown listener ran, reported apart.
 * - frame and painted: keydown to the first animation frame (layout forced there) and to the second.
 */
async function typingTimes(page: Page, selector: string, keystrokes: number, react: boolean): Promise<KeyTimes> {
  await page.evaluate(
    ({ sel, react }) => {
      const times: KeyTimes = { task: [], delay: [], frame: [], painted: [], notCommitted: [] };
      (window as unknown as { __keyTimes: KeyTimes }).__keyTimes = times;
      const within = document.querySelector(sel)!;
      // Reading a layout value makes the browser finish style and layout now.
      const forceLayout = () => void document.body.offsetHeight;
      let current: { start: number; handling: number; ended: boolean } | null = null;
      window.addEventListener(
        'keydown',
        (event) => {
          if (!(event.target instanceof Node) || !within.contains(event.target)) return;
          const key = { start: event.timeStamp, handling: performance.now(), ended: false };
          current = key;
          requestAnimationFrame(() => {
            forceLayout();
            times.frame.push(performance.now() - key.start);
            requestAnimationFrame(() => times.painted.push(performance.now() - key.start));
          });
        },
        true,
      );
      window.addEventListener('input', (event) => {
        const key = current;
        const input = event.target;
        if (!key || key.ended || !(input instanceof HTMLInputElement) || !within.contains(input)) return;
        key.ended = true;
        const typed = (event as InputEvent).data ?? '';
        queueMicrotask(() => {
          forceLayout();
          times.task.push(performance.now() - key.handling);
          times.delay.push(key.handling - key.start);
          const propsKey = Object.keys(input).find((k) => k.startsWith('__reactProps$'));
          const rendered = propsKey ? (input as unknown as Record<string, { value?: unknown }>)[propsKey]!.value : undefined;
          if (!typed || !input.value.endsWith(typed) || (react && rendered !== input.value))
            times.notCommitted.push(`typed ${JSON.stringify(typed)}: input ${JSON.stringify(input.value.slice(-12))}, React rendered ${JSON.stringify(rendered)}`);
        });
      });
    },
    { sel: selector, react },
  );
  const text = 'and we will improve outcomes ';
  for (let i = 0; i < keystrokes; i++) {
    const char = text[i % text.length]!;
    await page.keyboard.press(char === ' ' ? 'Space' : char);
    await page.waitForFunction(
      (n) => {
        const t = (window as unknown as { __keyTimes: KeyTimes }).__keyTimes;
        return t.painted.length >= n && t.task.length >= n;
      },
      i + 1,
      { polling: 'raf' },
    );
  }
  const times = await page.evaluate(() => (window as unknown as { __keyTimes: KeyTimes }).__keyTimes);
  if (times.notCommitted.length) throw new Error(`The keystroke's measured end came before its render: ${times.notCommitted.slice(0, 3).join('; ')}`);
  return times;
}

export async function run(): Promise<BenchRow[]> {
  // The renderer built and the browser found; no shared browser (the app launches its own, closed with it).
  await buildForHarness();
  const app = await launchApp({ browserArgs: UNPACED_FRAMES });
  try {
    const planId = await seed(app);
    await app.open(`#/plan/${planId}/commitments`);
    await app.page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor();
    const rendered = await app.page.locator('[role="grid"] [role="row"]').count();

    const open = await openTimes(app.page, planId, 7);
    // The main process's part: listCommitmentRows and listPriorities, as the grid asks for them.
    const service = await time(async () => {
      await app.services.dispatch('listCommitmentRows', { planId });
      await app.services.dispatch('listPriorities', { planId });
    }, 7);
    // What crosses to the page: the grid's rows, beside the whole table with every actual (the exports' and CLI's list).
    const payload = JSON.stringify(await app.services.dispatch('listCommitmentRows', { planId })).length;
    const wholePayload = JSON.stringify(await app.services.dispatch('listCommitments', { planId })).length;

    await app.page.locator('[role="gridcell"][data-label="Commitment, row 1"]').click();
    await app.page.keyboard.press('Enter');
    const typing = await typingTimes(app.page, '[role="grid"]', 150, true);
    await app.page.keyboard.press('Escape');

    const floorPage = await app.browser.newPage();
    await floorPage.setContent('<!doctype html><input id="plain" style="width: 20rem">');
    await floorPage.click('#plain');
    const floor = await typingTimes(floorPage, '#plain', 150, false);
    await floorPage.close();

    // Counts the grid's row components rendered by the sorts and filters (memoised: a sort should render none).
    await app.page.evaluate(() => (window.__jfpGridRowRenders = []));
    const rowRenders = () => app.page.evaluate(() => window.__jfpGridRowRenders!.splice(0).length);
    const sort: Array<{ frame: number; script: number; layout: number }> = [];
    for (let i = 0; i < SORT_FILTER_RUNS; i++)
      sort.push(
        await timeInPage(app.page, `[...document.querySelectorAll('[role="columnheader"] button')].find((b) => b.textContent.startsWith('Lead organisation')).click();`),
      );
    const sortRowRenders = await rowRenders();
    const filter: Array<{ frame: number; script: number; layout: number }> = [];
    for (let i = 0; i < SORT_FILTER_RUNS; i++) {
      const value = i % 2 === 0 ? 'Community trust' : '';
      filter.push(
        await timeInPage(
          app.page,
          `const select = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Lead organisation').control;
           Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, ${JSON.stringify(value)});
           select.dispatchEvent(new Event('change', { bubbles: true }));`,
        ),
      );
    }
    const filterRowRenders = await rowRenders();
    const shown = `${COMMITMENTS} commitments × 5 years × ${ACTUALS} actuals; ${rendered} rows in the DOM (virtualised)`;
    return [
      summarise(
        'Delivery grid: open the table without the harness pipe (main-process lists + renderer to rows painted)',
        open.map((o, i) => o.renderer + (service[i] ?? 0)),
        300,
        shown,
      ),
      summarise(
        '  of which the renderer (answer arrived to rows painted)',
        open.map((o) => o.renderer),
        undefined,
        'React, TanStack Table, virtualised rows, two frames',
      ),
      summarise(
        '  of which the main process (listCommitmentRows + listPriorities)',
        service,
        undefined,
        `the grid's rows: ${(payload / 1e3).toFixed(0)} kB as JSON (trajectories, computed status, count and latest actual), against ${(wholePayload / 1e6).toFixed(1)} MB with every actual`,
      ),
      summarise(
        '  for reference: route change to rows painted over the test harness',
        open.map((o) => o.total),
        undefined,
        'includes Playwright carrying the answer as text, not in Electron',
      ),
      summarise(
        'Delivery grid: keystroke in a cell editor (main-thread work)',
        typing.task,
        16,
        `${typing.task.length} keystrokes: keydown handler start to the end of the input event's listeners and microtasks (React's render of the cell editor committed, checked), layout forced; no frame wait, not keyup, the save's timer or paint`,
      ),
      {
        measure: '  floor: plain <input>, same browser, same measure',
        median: percentile(floor.task, 50),
        p95: percentile(floor.task, 95),
        detail: `${floor.task.length} keystrokes`,
      },
      summarise(
        '  input delay before the keydown handler (not in the figure above)',
        typing.delay,
        undefined,
        `floor the same way: ${percentile(floor.delay, 50).toFixed(1)}/${percentile(floor.delay, 95).toFixed(1)} ms median/p95`,
      ),
      summarise('  for reference: keystroke to the first frame, layout forced', typing.frame, undefined, "from the key's timestamp; includes waiting for the next frame"),
      {
        measure: '  floor: plain <input>, to the first frame, layout forced',
        median: percentile(floor.frame, 50),
        p95: percentile(floor.frame, 95),
        detail: `${floor.frame.length} keystrokes, measured the same way`,
      },
      summarise('  for reference: keystroke to the second animation frame', typing.painted, undefined, 'includes waiting for frames: the floor misses 16 ms too'),
      {
        measure: '  floor: plain <input>, to the second animation frame',
        median: percentile(floor.painted, 50),
        p95: percentile(floor.painted, 95),
        detail: `${floor.painted.length} keystrokes, measured the same way`,
      },
      summarise(
        'Delivery grid: sort by a column (main-thread work)',
        sort.map((t) => t.layout),
        50,
        `${sort.length} clicks (ascending, descending, none, in turn): header click to React render, style and layout done (microtasks run, layout forced); the first click (sort values are worked out when the rows arrive, not here): ${sort[0]!.layout.toFixed(1)} ms; row components rendered by the sorts: ${sortRowRenders}`,
      ),
      summarise(
        '  for reference: to the second animation frame',
        sort.map((t) => t.frame),
        undefined,
        'header click to the second animation frame (includes waiting for frames)',
      ),
      summarise(
        '  of which script and React render',
        sort.map((t) => t.script),
        undefined,
        'the click handler alone (React renders after it, in a microtask)',
      ),
      summarise(
        'Delivery grid: filter by lead organisation (main-thread work)',
        filter.map((t) => t.layout),
        50,
        `${filter.length} changes (one lead organisation, then all, in turn): select change to React render, style and layout done (microtasks run, layout forced); the first: ${filter[0]!.layout.toFixed(1)} ms; row components rendered by the filters: ${filterRowRenders} (rows coming back into view)`,
      ),
      summarise(
        '  for reference: to the second animation frame',
        filter.map((t) => t.frame),
        undefined,
        'select change to the second animation frame (includes waiting for frames)',
      ),
      summarise(
        '  of which script and React render',
        filter.map((t) => t.script),
        undefined,
        'the change handler alone',
      ),
    ];
  } finally {
    await app.close();
  }
}
