// Process entry for the CLI: runs the command and sets the exit code (long-running commands keep the process alive).
import { runCli } from './run.ts';
import { processIO } from './io.ts';

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
