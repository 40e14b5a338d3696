// Runs the CLI for given arguments and returns the exit code: the only place errors become messages and codes.
import { Command, CommanderError } from 'commander';
import { PoolwatchError } from '../core/errors.ts';
import { visible } from '../core/report/visible.ts';
import { EXIT_OK, EXIT_USAGE, type CliCommand } from './command.ts';
import { commandLoaders, loadAllCommands } from './commands/index.ts';
import type { CliIO } from './io.ts';
import { VERSION } from '../version.ts';

const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * The commands this invocation needs: only the one named (its module alone is loaded), none for a
 * bare `--version`, all for the program's help, `completion` and anything commander must reject.
 */
async function commandsFor(argv: readonly string[]): Promise<CliCommand[]> {
  const name = argv.find((a) => !a.startsWith('-'));
  const load = commandLoaders.find(([n]) => n === name)?.[1];
  if (load && name !== 'completion') return [await load()];
  if (name === undefined && argv.length > 0 && !argv.some((a) => HELP_FLAGS.has(a))) return [];
  return loadAllCommands();
}

/** The text after a command's options in its `--help`: its examples, aligned. */
export function examplesHelp(examples: CliCommand['examples'], programName = 'poolwatch'): string {
  const shown = examples.map(([cmd, what]) => [cmd.replace(/\bpoolwatch /g, `${programName} `), what] as const);
  const width = Math.max(...shown.map(([cmd]) => cmd.length));
  return `\nExamples:\n${shown.map(([cmd, what]) => `  ${cmd.padEnd(width)}  # ${what}\n`).join('')}`;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number | null = null;
  const programName = io.programName ?? 'poolwatch';
  const program = new Command(programName)
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
  for (const command of await commandsFor(argv)) {
    command.register(program, io, done);
    const sub = program.commands.find((c) => c.name() === command.name);
    if (!sub) throw new Error(`command ${command.name} did not register itself`);
    sub.version(VERSION, '-V, --version').addHelpText('after', examplesHelp(command.examples, programName)).exitOverride();
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; everything else commander rejects is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (err instanceof PoolwatchError) {
      io.stderr.write(`poolwatch: ${visible(err.oneLine())}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`poolwatch: internal error: ${visible(message)}\n`);
    if (io.env['POOLWATCH_DEBUG']) io.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return EXIT_USAGE;
  }
  if (exitCode === null && argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  return exitCode ?? EXIT_OK;
}
