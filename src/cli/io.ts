// What a CLI command may touch: its output streams and environment, injectable so tests run commands in-process.

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads standard input (for the `-` path): all of it, or its first `maxBytes` + 1 bytes when it holds more. */
  readStdin(maxBytes: number): Promise<string | Buffer>;
  /** The clock for report timestamps; tests inject a fixed one. Defaults to the system clock. */
  now?: () => Date;
  /** How the user calls poolwatch, for help texts: `poolwatch`, or `kubectl poolwatch` when run as the kubectl plugin. */
  programName?: string;
}

/** `kubectl poolwatch` when the process was started as `kubectl-poolwatch` (how kubectl runs a plugin), else `poolwatch`. */
export function programNameOf(argv1: string | undefined): string {
  const base = (argv1 ?? '').split(/[\\/]/).pop() ?? '';
  return /^kubectl-poolwatch(\.js)?$/.test(base) ? 'kubectl poolwatch' : 'poolwatch';
}

export function nowOf(io: CliIO): Date {
  return io.now ? io.now() : new Date();
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    programName: programNameOf(process.argv[1]),
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (total > maxBytes) break; // enough to know it is too much
      }
      return Buffer.concat(chunks);
    },
  };
}
