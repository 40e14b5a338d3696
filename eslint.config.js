// ESLint flat config: TypeScript rules everywhere, and the purity fence around src/core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https',
  'http2', 'node:http2', 'net', 'node:net', 'child_process', 'node:child_process', 'process', 'node:process',
  'os', 'node:os', 'dgram', 'node:dgram', 'tls', 'node:tls', 'worker_threads', 'node:worker_threads',
  'readline', 'node:readline', 'prom-client', 'commander', 'picocolors', 'playwright-core',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-artifacts/**', 'deploy/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', Buffer: 'readonly', document: 'readonly', window: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The pure core: address math, model, allocator, analysis, forecast and generators never do I/O.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.map((name) => ({ name, message: 'src/core is pure: do I/O in an adapter (src/sources, src/server, src/cli).' })),
        patterns: [
          { group: ['@kubernetes/*'], message: 'src/core is pure: the Kubernetes client belongs in src/sources/kube.' },
          { group: ['**/sources/**', '**/server/**', '**/cli/**', '**/ui/**'], message: 'src/core must not depend on adapters.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core is pure: pass values in instead of reading process.' },
        { name: 'fetch', message: 'src/core is pure: no network access.' },
        { name: 'console', message: 'src/core is pure: return values, let adapters log.' },
      ],
    },
  },
  {
    // The page renders what the API gives; it shares nothing with the command line.
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'], message: 'src/ui must not depend on src/cli: shared formatting belongs in src/core.' }] }],
    },
  },
  {
    // The server reads a source through its public face (ReportSource, history), never its internals.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/sources/kube/**', '**/sources/cluster-store.ts', '**/sources/snapshot-store.ts', '**/sources/manifest-watch-source.ts', '**/sources/manifests.ts', '**/sources/lab.ts', '**/sources/kube-source.ts', '**/sources/source.ts'],
          message: 'src/server uses a source through src/sources/live-source.ts (and the history readers), not its internals.',
        }],
      }],
    },
  },
  {
    // Sources feed the server and the command line; they depend on neither.
    files: ['src/sources/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/cli/**'], message: 'a source must not depend on src/server or src/cli: move the shared piece into src/sources or src/core.' }] }],
    },
  },
);
