// Helpers for monitoring-bundle tests: write generated files into a temporary folder and run promtool/amtool on them.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateRuleFile } from '../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG, type MonitoringConfig } from '../../src/core/generate/config.ts';

export const PROMTOOL = '/usr/bin/promtool';
export const AMTOOL = '/usr/bin/amtool';

/** Fails (never skips) when a real tool is missing: `npm test`'s pretest installs them. */
export function requireTool(path: string): void {
  assert.ok(existsSync(path), `${path} is missing: install Debian's prometheus and prometheus-alertmanager (npm test does it as root)`);
}

const created: string[] = [];
// Each test file runs in a process of its own: what it created goes when that process exits, passed or failed.
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, deleted with everything in it when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `poolwatch-${prefix}-`));
  created.push(dir);
  return dir;
}

/** The default configuration with every alert's `for` at 1s, so alerts fire within a test; the expressions are unchanged. */
export function fastRulesConfig(): MonitoringConfig {
  const fast = (section: object) => Object.fromEntries(Object.entries(section).map(([k, v]) => [k, k === 'for' || k.endsWith('For') ? '1s' : v]));
  const config = { ...DEFAULT_CONFIG } as Record<string, unknown>;
  for (const [key, value] of Object.entries(DEFAULT_CONFIG)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) config[key] = fast(value);
  }
  return config as unknown as MonitoringConfig;
}

export function writeRuleFile(dir: string, name: string, config: MonitoringConfig): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(generateRuleFile(config), { lineWidth: 0, blockQuote: 'literal' }));
  return path;
}

export interface ToolResult {
  status: number | null;
  output: string;
  stdout: string;
}

/** Runs a tool with a bounded time; returns its exit status and combined output. */
export function runTool(command: string, args: string[], cwd: string): ToolResult {
  requireTool(command);
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, stdout: result.stdout ?? '' };
}

/** Like runTool, without blocking the event loop, so several tools can run side by side. */
export function runToolAsync(command: string, args: string[], cwd: string): Promise<ToolResult> {
  requireTool(command);
  return new Promise((resolve) => {
    execFile(command, args, { cwd, encoding: 'utf8', timeout: 90_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, output: `${stdout}${stderr}`, stdout });
    });
  });
}
