// Golden test: the committed bundle in deploy/monitoring/ is exactly what `poolwatch generate all` produces now.
import { test } from 'node:test';
import { join } from 'node:path';
import { generateBundle } from '../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG } from '../../src/core/generate/config.ts';
import { renderBundleFile, renderBundleStream } from '../../src/cli/render/bundle-files.ts';
import { assertGolden } from '../support/golden.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

// `npm run golden` (or `npm run generate:monitoring`) rewrites deploy/monitoring/; review the diff before committing.
for (const file of generateBundle(DEFAULT_CONFIG, 'all')) {
  test(`deploy/monitoring/${file.path} matches the generators`, () => {
    assertGolden(join(ROOT, 'deploy', 'monitoring', ...file.path.split('/')), renderBundleFile(file));
  });
}

test('generate scrape without --out prints a YAML stream of its files', () => {
  assertGolden(join(ROOT, 'test', 'golden', 'monitoring', 'generate-scrape.stdout.yaml'), renderBundleStream(generateBundle(DEFAULT_CONFIG, 'scrape')));
});
