// Run by test/unit/hostile-files.test.ts in a process of its own (bundled with
// esbuild), so the memory an import takes is measured apart from the test's:
// imports one file into a plan as "Import comments…" does and prints what
// happened as JSON, with the time taken and the process's peak resident memory.
//
// `node import-child.cjs DB PLAN FILE` imports FILE and exits. With `--serve DB PLAN`
// it answers one import per line of stdin (a file's path) with one line of JSON,
// and the peak is reset before each (Linux's clear_refs), so one process, started
// once, measures many files: starting one and loading the services cost about a
// second per file, and most refusals take milliseconds. Where the peak cannot be
// reset, it answers once and exits, and the test starts another.
import fs from 'node:fs';
import readline from 'node:readline';
import { startServices } from '../../electron/services/app-services';
import { importCommentsFromFile, openReviewPackFromFile } from '../../electron/services/review/review-files';

/**
 * The process's peak resident memory in MB. On Linux, VmHWM of this address
 * space: getrusage's maxRSS survives exec, so it would count the memory of the
 * test process that started this one.
 */
function peakMB(): number {
  try {
    const line = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (line) return Number(line[1]) / 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Lowers the peak to the memory the process holds now (after a full collection, when node runs with
 * --expose-gc), so the next figure is the next import's alone; false where that cannot be done.
 * What an earlier import left resident stays counted: a figure can only come out higher, never lower.
 */
function resetPeak(): boolean {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const serve = process.argv[2] === '--serve';
const [dbPath, planId, file] = process.argv.slice(serve ? 3 : 2) as [string, string, string];
const services = startServices(dbPath);

function importOne(file: string): Record<string, unknown> {
  const baselineMB = peakMB();
  const start = performance.now();
  let outcome: Record<string, unknown>;
  try {
    // A review pack is opened as a review copy, as "Open a review pack…" does; anything else is imported into the plan.
    if (file.endsWith('.jfpreview')) outcome = { ok: true, reviewCopyOf: openReviewPackFromFile(services.store, file).reviewCopy?.originPlanId ?? null };
    else outcome = { ok: true, summary: importCommentsFromFile(services.store, planId, file).summary };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    outcome = { ok: false, code: code ?? 'crash', message: message ?? String(error) };
  }
  const ms = performance.now() - start;
  return { ...outcome, ms, baselineMB, peakMB: peakMB() };
}

if (!serve) {
  const outcome = importOne(file);
  services.close();
  process.stdout.write(JSON.stringify(outcome));
} else {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const resettable = resetPeak();
    // `last`: this process answers no more (its peak could not be reset); the test starts another.
    process.stdout.write(`${JSON.stringify({ ...importOne(line), last: !resettable })}\n`);
    if (!resettable) lines.close();
  });
  lines.on('close', () => services.close());
}
