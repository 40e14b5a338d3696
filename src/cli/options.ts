// Option parsing shared by commands: output formats and severities as commander choices.
import { Option } from 'commander';
import { SEVERITIES } from '../core/report/codes.ts';

export function outputOption(formats: readonly string[], fallback: string): Option {
  return new Option('-o, --output <format>', 'output format').choices(formats).default(fallback);
}

export function failOnOption(): Option {
  return new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists').choices(SEVERITIES).default('error');
}
