// deploy/krew: the plugin manifest names the version of package.json and a launcher that exists in the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..', '..');

test('the krew manifest is a Plugin at the package version, for linux and darwin on amd64 and arm64', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; files: string[] };
  const plugin = parse(readFileSync(join(root, 'deploy', 'krew', 'poolwatch.yaml'), 'utf8')) as {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    spec: { version: string; shortDescription: string; platforms: Array<{ selector: { matchLabels: { os: string; arch: string } }; uri: string; sha256: string; bin: string }> };
  };
  assert.equal(plugin.apiVersion, 'krew.googlecontainertools.github.com/v1alpha2');
  assert.equal(plugin.kind, 'Plugin');
  assert.equal(plugin.metadata.name, 'poolwatch');
  assert.equal(plugin.spec.version, `v${pkg.version}`);
  assert.ok(plugin.spec.shortDescription.length <= 80);
  assert.deepEqual(plugin.spec.platforms.map((p) => `${p.selector.matchLabels.os}/${p.selector.matchLabels.arch}`), ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64']);
  for (const p of plugin.spec.platforms) {
    assert.equal(p.uri, `RELEASE_BASE_URL/poolwatch-v${pkg.version}.tar.gz`);
    // The launcher is the package's own kubectl-poolwatch entry, inside the archive's poolwatch/ folder.
    assert.equal(p.bin, `poolwatch/${pkg.bin['kubectl-poolwatch']}`);
  }
});
