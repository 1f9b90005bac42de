// Run by test/unit/hostile-files.test.ts in a process of its own (bundled with
// esbuild), so the memory an import takes is measured alone: imports one file
// into a plan as "Import comments…" does and prints what happened as JSON,
// with the time taken and the process's peak resident memory.
import fs from 'node:fs';
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

const [dbPath, planId, file] = process.argv.slice(2) as [string, string, string];
const services = startServices(dbPath);
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
services.close();
process.stdout.write(JSON.stringify({ ...outcome, ms, baselineMB, peakMB: peakMB() }));
