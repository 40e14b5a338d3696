// The one list of CLI commands: adding a command is one file plus one line here.
import type { CliCommand } from '../command.ts';
import { forecastCommand } from './forecast.ts';
import { generateCommand } from './generate.ts';
import { lintCommand } from './lint.ts';
import { serveCommand } from './serve.ts';
import { simulateCommand } from './simulate.ts';
import { statusCommand } from './status.ts';

export const commands: CliCommand[] = [statusCommand, lintCommand, simulateCommand, serveCommand, generateCommand, forecastCommand];
