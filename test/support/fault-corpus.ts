// A seeded corpus of hostile manifest inputs (byte flips, cuts, wrong types in every field, alias bombs, huge strings, special files) and a runner that holds every command to its contract on each.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { Rng } from '../../src/core/lab/rng.ts';

export const repoRoot = new URL('../..', import.meta.url).pathname;

/** One input: bytes to write as a file, or a special file to make. */
export interface FaultCase {
  name: string;
  family: string;
  /** The file's content (a Buffer, or a function for large ones so the corpus is cheap to list). */
  bytes?: () => Buffer;
  special?: 'fifo' | 'dev-zero' | 'directory' | 'link-loop' | 'dead-link';
  /** The service `explain` asks about: the first Service of the file the case was made from, when it had one. */
  service?: string;
}

/** The commands the corpus runs, each as its arguments before the input's path. */
export const FAULT_COMMANDS: Readonly<Record<string, (c: FaultCase) => string[]>> = {
  status: () => ['status'],
  lint: () => ['lint'],
  simulate: () => ['simulate'],
  // A service the input named before it was broken, so that explain gets past the lookup to its own work.
  explain: (c) => ['explain', c.service ?? 'default/none'],
};

/** The manifest fixtures the mutations start from. */
const SEEDS = ['basic-ipv4', 'dual-stack', 'exhausted-pool', 'overlapping-pools', 'shared-addresses', 'legacy-configmap', 'kubectl-list', 'simulate-gitops/metallb', 'simulate-gitops/apps', 'guides-cluster'];

interface SeedFile {
  name: string;
  bytes: Buffer;
  /** Its objects (a List's items one by one). */
  objects: unknown[];
  /** NAMESPACE/NAME of its first Service, if any. */
  service: string | undefined;
}

function seedFiles(): SeedFile[] {
  const out: SeedFile[] = [];
  for (const dir of SEEDS) {
    const full = join(repoRoot, 'test', 'fixtures', dir);
    for (const f of readdirSync(full).sort()) {
      if (!/\.(ya?ml|json)$/.test(f)) continue;
      const bytes = readFileSync(join(full, f));
      const objects = objectsOf(bytes.toString('utf8'));
      out.push({ name: `${dir.replace('/', '-')}-${f}`, bytes, objects, service: objects.map(serviceName).find((s) => s !== undefined) });
    }
  }
  return out;
}

function objectsOf(text: string): unknown[] {
  const docs = text.trimStart().startsWith('{') ? [JSON.parse(text) as unknown] : parseAllDocuments(text).map((d) => ('toJS' in d ? (d.toJS() as unknown) : null));
  return docs.flatMap((doc) => ((doc as { kind?: string; items?: unknown[] })?.kind?.endsWith('List') ? ((doc as { items?: unknown[] }).items ?? []) : [doc]));
}

/** NAMESPACE/NAME when `object` is a Service with both. */
function serviceName(object: unknown): string | undefined {
  const o = object as { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } } | null;
  const { namespace, name } = o?.metadata ?? {};
  return o?.kind === 'Service' && typeof namespace === 'string' && typeof name === 'string' ? `${namespace}/${name}` : undefined;
}

/** Values of every JSON type, for putting where another type belongs. */
const WRONG: readonly unknown[] = [7, -1, 1.5, 1e308, 'x', '', null, true, [], {}, ['a', 1], { a: { b: [null] } }, '999.999.999.999/99', '\u001b[2J'];

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every path in `value` (objects and arrays walked), the root excluded. */
function paths(value: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  const children: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  for (const [k, v] of children) {
    out.push([...at, k]);
    paths(v, [...at, k], out);
  }
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

/**
 * For each seed object kind, one file whose documents are that object with one field given a value of
 * another type: every field, each with a wrong type picked by the seed (and a second file with another pick).
 */
function wrongTypes(rng: Rng): FaultCase[] {
  const byKind = new Map<string, unknown>();
  for (const seed of seedFiles()) {
    for (const item of seed.objects) {
      const kind = (item as { kind?: unknown })?.kind;
      if (typeof kind === 'string' && !byKind.has(kind)) byKind.set(kind, item);
    }
  }
  const cases: FaultCase[] = [];
  for (const [kind, object] of byKind) {
    for (let pick = 0; pick < 2; pick++) {
      const docs = paths(object).map((p) => {
        const original = typeOf(p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], object));
        const choices = WRONG.filter((w) => typeOf(w) !== original);
        return setAt(object, p, choices[rng.int(choices.length)]);
      });
      const json = pick === 0;
      cases.push({
        name: `wrong-types-${kind}-${pick}.${json ? 'json' : 'yaml'}`,
        family: 'wrong types',
        ...(serviceName(object) ? { service: serviceName(object)! } : {}),
        bytes: () => Buffer.from(json ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }, null, 1) : docs.map((d) => stringify(d)).join('---\n')),
      });
    }
  }
  return cases;
}

function byteFlips(rng: Rng, perFile: number): FaultCase[] {
  return seedFiles().flatMap((seed) =>
    Array.from({ length: perFile }, (_, i) => {
      const bytes = Buffer.from(seed.bytes);
      const flips = [1, 3, 16][i % 3]!;
      for (let k = 0; k < flips; k++) bytes[rng.int(bytes.length)] = rng.int(256);
      return { name: `flip-${i}-${seed.name}`, family: 'byte flips', bytes: () => bytes, ...(seed.service ? { service: seed.service } : {}) };
    }),
  );
}

function truncations(rng: Rng, perFile: number): FaultCase[] {
  return seedFiles().flatMap((seed) =>
    Array.from({ length: perFile }, (_, i) => {
      const cut = 1 + rng.int(seed.bytes.length - 1);
      return { name: `cut-${i}-${seed.name}`, family: 'truncation', bytes: () => seed.bytes.subarray(0, cut), ...(seed.service ? { service: seed.service } : {}) };
    }),
  );
}

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n';

function bombs(): FaultCase[] {
  let laughs = `${NAMESPACE}  labels:\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  let prev = 'a';
  for (const n of 'bcdefghij') {
    laughs += `    ${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
    prev = n;
  }
  let merges = `${NAMESPACE}  labels:\n    a: &a {x0: y}\n`;
  prev = 'a';
  for (let i = 1; i < 40; i++) {
    merges += `    m${i}: &m${i} {<<: [*${prev}, *${prev}], k${i}: v}\n`;
    prev = `m${i}`;
  }
  const aliasKeys = `${NAMESPACE}  annotations:\n${Array.from({ length: 5000 }, (_, i) => `    ? &k${i} key${i}\n    : *k${i}`).join('\n')}\n`;
  return [
    { name: 'billion-laughs.yaml', family: 'alias bombs', bytes: () => Buffer.from(laughs) },
    { name: 'merge-keys.yaml', family: 'alias bombs', bytes: () => Buffer.from(merges) },
    { name: 'many-aliases.yaml', family: 'alias bombs', bytes: () => Buffer.from(aliasKeys) },
  ];
}

function huge(): FaultCase[] {
  const mib = 1 << 20;
  return [
    { name: 'string-3mib.yaml', family: 'huge strings', bytes: () => Buffer.from(`${NAMESPACE}  labels:\n    a: ${'a'.repeat(3 * mib)}\n`) },
    { name: 'string-7mib.yaml', family: 'huge strings', bytes: () => Buffer.from(`${NAMESPACE}  labels:\n    a: ${'a'.repeat(7 * mib)}\n`) },
    { name: 'string-100mb-one-line.yaml', family: 'huge strings', bytes: () => Buffer.from(`x: ${'a'.repeat(100_000_000)}\n`) },
    { name: 'string-60mib.json', family: 'huge strings', bytes: () => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a'.repeat(60 * mib) } })) },
    { name: 'name-5mib-list.json', family: 'huge strings', bytes: () => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x'.repeat(5 * mib), namespace: 'n' }, spec: { type: 'LoadBalancer' } }] })) },
    { name: 'items-2m-numbers.json', family: 'huge strings', bytes: () => Buffer.from(`{"apiVersion":"v1","kind":"List","items":[${'0,'.repeat(2_000_000)}0]}`) },
    { name: 'nesting-200k.json', family: 'huge strings', bytes: () => Buffer.from(`{"apiVersion":"v1","kind":"List","items":[${'['.repeat(200_000)}${']'.repeat(200_000)}]}`) },
    { name: 'nesting-50k.yaml', family: 'huge strings', bytes: () => Buffer.from(`${NAMESPACE}  labels: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`) },
    { name: 'many-documents.yaml', family: 'huge strings', bytes: () => Buffer.from('---\n'.repeat(1_000_000)) },
  ];
}

function encodings(): FaultCase[] {
  const pools = readFileSync(join(repoRoot, 'test', 'fixtures', 'basic-ipv4', 'pools.yaml'), 'utf8');
  return [
    { name: 'cr-only.yaml', family: 'encodings', bytes: () => Buffer.from(pools.replaceAll('\n', '\r')) },
    { name: 'utf16le-bom.yaml', family: 'encodings', bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pools, 'utf16le')]) },
    { name: 'latin1.yaml', family: 'encodings', bytes: () => Buffer.from(pools.replace('default', 'défault'), 'latin1') },
    { name: 'empty.yaml', family: 'encodings', bytes: () => Buffer.alloc(0) },
    { name: 'nul-bytes.json', family: 'encodings', bytes: () => Buffer.from('{"kind":"List","items":[\u0000]}') },
  ];
}

function specials(): FaultCase[] {
  return (['fifo', 'dev-zero', 'directory', 'link-loop', 'dead-link'] as const).map((special) => ({ name: `${special}.yaml`, family: 'special files', special }));
}

/** The whole corpus for a seed: the same seed always gives the same cases. */
export function faultCorpus(seed: number, options: { flipsPerFile?: number; cutsPerFile?: number } = {}): FaultCase[] {
  const rng = new Rng(seed);
  return [...specials(), ...encodings(), ...bombs(), ...huge(), ...wrongTypes(rng), ...byteFlips(rng, options.flipsPerFile ?? 6), ...truncations(rng, options.cutsPerFile ?? 4)];
}

/** Writes a case into `dir` (which must exist) and returns the path to give the command. */
export function materialise(c: FaultCase, dir: string): string {
  const path = join(dir, c.name);
  if (c.special === 'fifo') execFileSync('mkfifo', [path]);
  else if (c.special === 'dev-zero') return '/dev/zero';
  else if (c.special === 'directory') mkdirSync(path);
  else if (c.special === 'link-loop') {
    mkdirSync(path);
    symlinkSync(path, join(path, 'again.yaml'));
  } else if (c.special === 'dead-link') symlinkSync(join(dir, 'nowhere'), path);
  else writeFileSync(path, c.bytes!());
  return path;
}

export interface FaultRun {
  case: string;
  family: string;
  command: string;
  code: number | null;
  signal: string | null;
  seconds: number;
  /** User + system seconds, when /usr/bin/time is there to measure them: on a shared machine, what the run itself cost. */
  cpuSeconds: number | null;
  /** Peak resident memory in MiB, when /usr/bin/time is there to measure it. */
  peakMiB: number | null;
  stackTrace: boolean;
  internalError: boolean;
}

const TIME = '/usr/bin/time';

/** Runs one command on one input as a process (under /usr/bin/time when present), killed after `limitSeconds` + 10. */
export function runCase(c: FaultCase, path: string, command: string, limitSeconds = 20): Promise<FaultRun> {
  const commandArgs = FAULT_COMMANDS[command];
  if (!commandArgs) throw new Error(`unknown command ${command}: one of ${Object.keys(FAULT_COMMANDS).join(', ')}`);
  const args = [join(repoRoot, 'bin', 'poolwatch.js'), ...commandArgs(c), path];
  const timed = existsSync(TIME);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(timed ? TIME : process.execPath, timed ? ['-f', 'peak-kb=%M cpu=%U+%S', process.execPath, ...args] : args, {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 1 << 16) stderr += d.toString('utf8');
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), (limitSeconds + 10) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const peak = /peak-kb=(\d+)/.exec(stderr);
      const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      const own = stderr.replace(/(Command (exited with non-zero status|terminated by signal) \d+\n)?peak-kb=\d+ cpu=\S+\n?$/, '');
      const timedCode = timed && /Command terminated by signal/.test(stderr) ? null : code;
      resolve({
        case: c.name,
        family: c.family,
        command,
        code: timedCode,
        signal,
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
        peakMiB: peak ? Number(peak[1]) / 1024 : null,
        stackTrace: /^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(own),
        internalError: /internal error|FATAL ERROR/.test(own),
      });
    });
  });
}

/**
 * What breaks the contract in one run, or null: exit 0, 1 or 2, no stack trace, under 20 s and 1 GiB.
 * Time is judged on CPU seconds when measured (on a shared machine the wall clock is mostly others'
 * load); a run is still killed at 10 s past the bound of wall time.
 */
export function violation(r: FaultRun, limitSeconds = 20): string | null {
  if (r.code === null || ![0, 1, 2].includes(r.code)) return `exit ${r.code ?? r.signal}`;
  if (r.stackTrace) return 'stack trace';
  if (r.internalError) return 'internal error';
  const seconds = r.cpuSeconds ?? r.seconds;
  if (seconds > limitSeconds) return `${seconds.toFixed(1)} s`;
  if (r.peakMiB !== null && r.peakMiB > 1024) return `${Math.round(r.peakMiB)} MiB`;
  return null;
}
