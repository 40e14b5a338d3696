// The shape of one CLI command: it adds itself to the program and resolves to an exit code.
import type { Command } from 'commander';
import type { CliIO } from './io.ts';

/** Exit codes: 0 fine, 1 the command's check failed (findings, pending), 2 bad usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliCommand {
  name: string;
  /** Command lines shown at the end of the command's `--help`, each with what it does. */
  examples: ReadonlyArray<readonly [command: string, what: string]>;
  /** Adds the sub-command; its action must call `done(exitCode)` (or throw a PoolwatchError). */
  register(program: Command, io: CliIO, done: (code: number) => void): void;
}
