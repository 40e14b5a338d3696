#!/usr/bin/env node
// Test setup: makes sure the real components the tests use (Prometheus, promtool, Alertmanager, VictoriaMetrics, Chromium, zsh and fish for the completion scripts, kubectl for the plugin and kustomize) are installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { bin: '/usr/bin/prometheus', pkg: 'prometheus' },
  { bin: '/usr/bin/promtool', pkg: 'prometheus' },
  { bin: '/usr/bin/amtool', pkg: 'prometheus-alertmanager' },
  { bin: '/usr/bin/prometheus-alertmanager', pkg: 'prometheus-alertmanager' },
  { bin: '/usr/bin/victoria-metrics', pkg: 'victoria-metrics' },
  { bin: '/usr/bin/vmalert', pkg: 'victoria-metrics' },
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/zsh', pkg: 'zsh' },
  { bin: '/usr/bin/fish', pkg: 'fish' },
  { bin: '/usr/bin/kubectl', pkg: 'kubernetes-client' },
];
const missing = [...new Set(needs.filter((n) => !existsSync(n.bin)).map((n) => n.pkg))];
if (missing.length === 0) process.exit(0);

const install = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.error(`poolwatch tests need Debian packages that are not installed: ${missing.join(', ')}`);
  console.error(`install them as root:  sudo sh -c '${install}'`);
  process.exit(1);
}
console.error(`installing Debian packages for the tests: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed with exit code ${r.status}`);
    process.exit(1);
  }
}
