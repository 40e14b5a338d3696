#!/usr/bin/env node
// Builds what runs: src/ (less the browser code) into plain JavaScript under dist/, file for file, and the web page into dist/ui.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uiFiles } from './build-ui.mjs';
import { publishFiles } from './publish-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** Every TypeScript module that runs in Node: all of src/ but the page's own code in src/ui. */
function nodeModules(dir = src) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== join(src, 'ui')) out.push(...nodeModules(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

/**
 * Each module compiles to its own file (dist/ mirrors src/, so paths relative to a module hold in
 * both); its relative imports stay imports, renamed from .ts to .js, and packages stay in node_modules.
 */
const keepRelativeImports = {
  name: 'keep-relative-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
  },
};

/**
 * Builds into `outdir`, which others may be running at that moment (a test run while `npm run faults`
 * builds): the files are made in memory and published without a moment where one is missing or partial.
 */
export async function buildAll({ quiet = false, outdir = join(root, 'dist') } = {}) {
  const { outputFiles } = await build({
    entryPoints: nodeModules(),
    outbase: src,
    outdir,
    bundle: true,
    packages: 'external',
    plugins: [keepRelativeImports],
    format: 'esm',
    platform: 'node',
    target: ['node20'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    write: false,
  });
  publishFiles(outdir, [...outputFiles, ...(await uiFiles({ outDir: join(outdir, 'ui'), quiet }))]);
  return outdir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildAll();
  console.log(`built poolwatch into ${relative(process.cwd(), out) || out}`);
}
