// Runs the CLI for given arguments and returns the exit code: the only place errors become messages and codes.
import { Command, CommanderError } from 'commander';
import { PoolwatchError } from '../core/errors.ts';
import { EXIT_OK, EXIT_USAGE } from './command.ts';
import { commands } from './commands/index.ts';
import type { CliIO } from './io.ts';
import { VERSION } from '../version.ts';

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number | null = null;
  const program = new Command('poolwatch')
    .description('Exact monitoring of MetalLB IP address pools')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const done = (code: number) => {
    exitCode = code;
  };
  for (const command of commands) command.register(program, io, done);
  program.commands.forEach((c) => c.exitOverride());
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; everything else commander rejects is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (err instanceof PoolwatchError) {
      io.stderr.write(`poolwatch: ${err.oneLine()}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`poolwatch: internal error: ${message}\n`);
    if (io.env['POOLWATCH_DEBUG']) io.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return EXIT_USAGE;
  }
  if (exitCode === null && argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  return exitCode ?? EXIT_OK;
}
