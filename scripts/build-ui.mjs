#!/usr/bin/env node
// Builds the web page: bundles src/ui (TypeScript, uPlot, CSS) with esbuild into dist/ui, minified, no external URLs.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishFiles } from './publish-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The page's files for `outDir` ({ path, contents }: app.js, app.css, index.html), made in memory. */
export async function uiFiles({ outDir = join(root, 'dist', 'ui'), quiet = false } = {}) {
  const { outputFiles } = await build({
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
    write: false,
  });
  return [...outputFiles, { path: join(outDir, 'index.html'), contents: readFileSync(join(root, 'src', 'ui', 'index.html')) }];
}

/** Writes dist/ui/{index.html, app.js, app.css} (see publishFiles: safe while a server reads them); returns the output folder. */
export async function buildUi({ outDir = join(root, 'dist', 'ui'), quiet = false } = {}) {
  publishFiles(outDir, await uiFiles({ outDir, quiet }));
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildUi();
  console.log(`built the web page into ${out}`);
}
