// What a CLI command may touch: its output streams and environment, injectable so tests run commands in-process.

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads all of standard input (for the `-` path). */
  readStdin(): Promise<string>;
  /** The clock for report timestamps; tests inject a fixed one. Defaults to the system clock. */
  now?: () => Date;
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
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
