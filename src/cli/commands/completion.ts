// `poolwatch completion bash|zsh|fish`: prints a shell completion script for every command and option.
import { Argument, type Command } from 'commander';
import { completionScript, SHELLS, type CompletionCommand, type Shell } from '../render/completion-script.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';

/** What completion needs to know of each command, read from commander's own definitions. */
export function completionModel(program: Command): CompletionCommand[] {
  return program.commands.map((c) => {
      const first = c.registeredArguments[0];
      return {
        name: c.name(),
        description: c.description(),
        options: c.options.map((o) => ({
          ...(o.short ? { short: o.short } : {}),
          ...(o.long ? { long: o.long } : {}),
          description: o.description,
          takesValue: o.required || o.optional,
          ...(o.argChoices ? { choices: o.argChoices } : {}),
        })),
        ...(first?.argChoices ? { argumentChoices: first.argChoices } : {}),
      };
    });
}

export const completionCommand: CliCommand = {
  name: 'completion',
  examples: [
    ['source <(poolwatch completion bash)', 'bash, for this shell (add it to ~/.bashrc to keep it)'],
    ['poolwatch completion zsh > "${fpath[1]}/_poolwatch"', 'zsh'],
    ['poolwatch completion fish > ~/.config/fish/completions/poolwatch.fish', 'fish'],
  ],
  register(program, io, done) {
    program
      .command('completion')
      .description('print a shell completion script (bash, zsh or fish) for poolwatch and kubectl-poolwatch')
      .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
      .action((shell: Shell) => {
        io.stdout.write(completionScript(shell, completionModel(program)));
        done(EXIT_OK);
      });
  },
};
