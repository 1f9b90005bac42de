// Runs one `jfp` command line in this process and keeps what it printed, for
// tests that read the CLI's output as a user would.
import { runCli, type CliIo } from '../../electron/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runJfp(args: string[], io: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {}, ...io });
  return { code, stdout, stderr };
}
