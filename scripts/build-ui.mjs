#!/usr/bin/env node
// Builds the web page: bundles src/ui (TypeScript, uPlot, CSS) with esbuild into dist/ui, minified, no external URLs.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Writes dist/ui/{index.html, app.js, app.css}; returns the output folder. */
export async function buildUi({ outDir = join(root, 'dist', 'ui'), quiet = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(root, 'src', 'ui', 'app.ts') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    sourcemap: false,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  copyFileSync(join(root, 'src', 'ui', 'index.html'), join(outDir, 'index.html'));
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildUi();
  console.log(`built the web page into ${out}`);
}
