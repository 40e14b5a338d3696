// Runs the CLI in-process with a fake CliIO: captured output, fixed clock, no colour unless asked.
import { runCli } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';

export const FIXED_NOW = new Date('2026-11-21T10:00:00Z');
export const repoRoot = new URL('../..', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(argv: string[], opts: { stdin?: string; env?: Record<string, string>; tty?: boolean; now?: Date } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: opts.env ?? {},
    cwd: repoRoot,
    readStdin: async () => opts.stdin ?? '',
    now: () => opts.now ?? FIXED_NOW,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
