// Shell completion scripts (bash, zsh, fish) for poolwatch and kubectl-poolwatch, written from the commands' own option lists.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionOption {
  short?: string;
  long?: string;
  description: string;
  /** The option is followed by a value. */
  takesValue: boolean;
  /** The values it accepts, when they are a fixed list. */
  choices?: readonly string[];
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: readonly CompletionOption[];
  /** The fixed values of its first argument (e.g. generate's kinds); else arguments are files. */
  argumentChoices?: readonly string[];
}

const PROGRAMS = ['poolwatch', 'kubectl-poolwatch'];
const flagsOf = (o: CompletionOption) => [o.short, o.long].filter((f): f is string => f !== undefined);
/** Text in single quotes for every shell (fish and zsh's _describe also read a colon as special). */
const quoted = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

function bash(commands: readonly CompletionCommand[]): string {
  // After an option that takes a value: its choices, or file names (one case per command for all of those).
  const valueCases = commands.flatMap((c) => {
    const free = c.options.filter((o) => o.takesValue && !o.choices).flatMap(flagsOf);
    return [
      ...c.options.filter((o) => o.choices).map((o) => `    ${flagsOf(o).map((f) => `"${c.name} ${f}"`).join('|')}) COMPREPLY=($(compgen -W ${quoted(o.choices!.join(' '))} -- "$cur")); return ;;`),
      ...(free.length > 0 ? [`    ${free.map((f) => `"${c.name} ${f}"`).join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`] : []),
    ];
  });
  const optionCases = commands.map((c) => {
    const args = c.argumentChoices ? `compgen -W ${quoted(c.argumentChoices.join(' '))} -- "$cur"` : 'compgen -f -- "$cur"';
    return `    ${c.name}) opts=${quoted(c.options.flatMap(flagsOf).concat('--help').join(' '))}; args=$(${args}) ;;`;
  });
  return [
    '# bash completion for poolwatch: source it from ~/.bashrc, e.g. source <(poolwatch completion bash)',
    '_poolwatch() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="${COMP_WORDS[1]}" opts="" args=""',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W ${quoted([...commands.map((c) => c.name), '--help', '--version'].join(' '))} -- "$cur"))`,
    '    return',
    '  fi',
    '  case "$cmd $prev" in',
    ...valueCases,
    '  esac',
    '  case "$cmd" in',
    ...optionCases,
    '  esac',
    '  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); else COMPREPLY=($args); fi',
    '}',
    ...PROGRAMS.map((p) => `complete -o filenames -F _poolwatch ${p}`),
    '',
  ].join('\n');
}

/** zsh's _arguments spec quotes `[`, `]` and `:` in descriptions with a backslash. */
const zshText = (s: string) => s.replace(/([[\]:\\])/g, '\\$1');

function zsh(commands: readonly CompletionCommand[]): string {
  const cases = commands.map((c) => {
    const specs = c.options.map((o) => {
      const flags = flagsOf(o);
      const names = flags.length > 1 ? `(${flags.join(' ')})'{${flags.join(',')}}'` : flags[0]!;
      const value = o.takesValue ? `:value:${o.choices ? `(${o.choices.join(' ')})` : '_files'}` : '';
      return `'${names}[${zshText(o.description).replace(/'/g, "'\\''")}]${value}'`;
    });
    const args = c.argumentChoices ? `'1:kind:(${c.argumentChoices.join(' ')})'` : "'*:path:_files'";
    return `    ${c.name}) _arguments ${[...specs, args].join(' ')} ;;`;
  });
  return [
    `#compdef ${PROGRAMS.join(' ')}`,
    '# zsh completion for poolwatch: put it on your fpath as _poolwatch, or: source <(poolwatch completion zsh)',
    '_poolwatch() {',
    '  local -a commands',
    `  commands=(${commands.map((c) => quoted(`${c.name}:${c.description.replace(/:/g, '\\:')}`)).join(' ')})`,
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    '  local cmd=$words[2]',
    '  shift words',
    '  (( CURRENT-- ))',
    '  case $cmd in',
    ...cases,
    '  esac',
    '}',
    'if [ "$funcstack[1]" = "_poolwatch" ]; then _poolwatch "$@"; else compdef _poolwatch poolwatch kubectl-poolwatch; fi',
    '',
  ].join('\n');
}

function fish(commands: readonly CompletionCommand[]): string {
  const lines = ['# fish completion for poolwatch: poolwatch completion fish > ~/.config/fish/completions/poolwatch.fish'];
  for (const program of PROGRAMS) {
    const all = commands.map((c) => c.name).join(' ');
    lines.push(`complete -c ${program} -f`);
    lines.push(`complete -c ${program} -n "not __fish_seen_subcommand_from ${all}" -s V -l version -d 'output the version number'`);
    for (const c of commands) {
      lines.push(`complete -c ${program} -n "not __fish_seen_subcommand_from ${all}" -a ${c.name} -d ${quoted(c.description)}`);
      const when = `-n "__fish_seen_subcommand_from ${c.name}"`;
      for (const o of c.options) {
        const names = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : ''].filter(Boolean).join(' ');
        const value = o.choices ? ` -x -a ${quoted(o.choices.join(' '))}` : o.takesValue ? ' -r -F' : '';
        lines.push(`complete -c ${program} ${when} ${names}${value} -d ${quoted(o.description)}`);
      }
      lines.push(c.argumentChoices ? `complete -c ${program} ${when} -x -a ${quoted(c.argumentChoices.join(' '))}` : `complete -c ${program} ${when} -F`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, commands: readonly CompletionCommand[]): string {
  return shell === 'bash' ? bash(commands) : shell === 'zsh' ? zsh(commands) : fish(commands);
}
