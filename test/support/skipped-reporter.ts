// Vitest's default reporter counts skipped tests but names them only in
// verbose mode. A run that skipped something (the LibreOffice tests on a
// machine without it) ends with a list of what was skipped and why, so a
// green run never hides a gap.
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class SkippedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' && result.note ? result.note : 'skipped without a reason';
        lines.push(`  ${path.relative(process.cwd(), testModule.moduleId)} > ${test.fullName}: ${note}`);
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nSkipped tests (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
