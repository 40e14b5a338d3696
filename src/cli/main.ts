// Process entry for the CLI: runs the command and sets the exit code (long-running commands keep the process alive).
import { runCli } from './run.ts';
import { processIO } from './io.ts';

// A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go, which is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
