// Structured log lines with levels, as JSON or key=value text, for the long-running edges (serve, sources).

import { visible } from './core/report/visible.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'text';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'text'];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  write: (line: string) => void;
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Quotes a text value when it holds spaces, quotes, `=` or control characters, so one line stays one record. */
function textValue(v: string | number | boolean | null): string {
  const s = String(v);
  // JSON.stringify escapes C0 controls; visible also catches C1 and bidirectional controls.
  return /^[^\s"=\\\p{Cc}]+$/u.test(s) && visible(s) === s ? s : visible(JSON.stringify(s));
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const format = options.format ?? 'text';
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (RANK[level] < min) return;
    const all: LogFields = { ...bound, ...fields };
    const time = now().toISOString();
    if (format === 'json') {
      const record: Record<string, unknown> = { time, level, msg };
      for (const [k, v] of Object.entries(all)) if (v !== undefined) record[k] = v;
      options.write(`${JSON.stringify(record)}\n`);
      return;
    }
    const rest = Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}=${textValue(v as string | number | boolean | null)}`)
      .join('');
    options.write(`${time} ${level.toUpperCase().padEnd(5)} ${visible(msg)}${rest}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** Discards everything (tests and one-shot commands that only want results). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => undefined });
