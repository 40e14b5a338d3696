// deploy/kubernetes: RBAC grants read access to exactly the kinds in the kind list; the Deployment is locked down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../../src/core/generate/config.ts';
import { KINDS } from '../../../src/core/model/kinds/index.ts';
import { watchedResources } from '../../../src/sources/kube/resources.ts';
import { routes } from '../../../src/server/routes/index.ts';

const dir = join(import.meta.dirname, '..', '..', '..', 'deploy', 'kubernetes');
type Obj = { kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

function objects(): Obj[] {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) => {
    assert.ok(existsSync(join(dir, file)), file);
    return parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS() as Obj);
  });
}

const find = (kind: string, namespace?: string) => objects().filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));

test('the RBAC rules are get/list/watch on exactly the kinds poolwatch reads, MetalLB\'s configuration only in its namespace', () => {
  const granted = (rules: Rule[]) =>
    rules.flatMap((r) => {
      assert.deepEqual(r.verbs, ['get', 'list', 'watch']);
      return r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`));
    }).sort();
  const clusterWide = granted(find('ClusterRole').filter((r) => r.metadata.name === 'poolwatch').flatMap((r) => (r['rules'] as Rule[]).filter((rule) => !rule.verbs.includes('create'))));
  const inMetallb = granted(find('Role', 'metallb-system').flatMap((r) => r['rules'] as Rule[]));
  const read = (scope: string) => [...new Set(KINDS.filter((k) => k.resource.scope === scope).map((k) => `${k.resource.group}/${k.resource.plural}`))].sort();
  assert.deepEqual(clusterWide, read('cluster'));
  assert.deepEqual(inMetallb, read('metallb-namespace'));
  // What is watched is what the kind list says, nothing more.
  assert.deepEqual(
    watchedResources('metallb-system').map((r) => r.path.split('/').at(-1)),
    KINDS.map((k) => k.resource.plural),
  );
  // Both bindings name the poolwatch service account.
  for (const b of [...find('ClusterRoleBinding'), ...find('RoleBinding', 'metallb-system')]) {
    assert.deepEqual(b['subjects'], [{ kind: 'ServiceAccount', name: 'poolwatch', namespace: 'poolwatch' }]);
  }
});

test('the Deployment runs non-root on a read-only root filesystem with resources and probes', () => {
  const [deployment] = find('Deployment', 'poolwatch');
  const pod = (deployment as unknown as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
  assert.equal((pod['securityContext'] as { runAsNonRoot: boolean }).runAsNonRoot, true);
  assert.equal(pod['serviceAccountName'], 'poolwatch');
  interface Container {
    securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } };
    resources: { requests: { cpu?: string; memory?: string }; limits: { memory?: string } };
    readinessProbe: { httpGet: unknown };
    livenessProbe: { httpGet: unknown };
    args: string[];
    ports: unknown;
  }
  const [c] = pod['containers'] as Container[];
  assert.equal(c!.securityContext.readOnlyRootFilesystem, true);
  assert.equal(c!.securityContext.allowPrivilegeEscalation, false);
  assert.deepEqual(c!.securityContext.capabilities.drop, ['ALL']);
  assert.ok(c!.resources.requests.cpu && c!.resources.requests.memory && c!.resources.limits.memory);
  assert.deepEqual(c!.readinessProbe.httpGet, { path: '/readyz', port: 'metrics' });
  assert.deepEqual(c!.livenessProbe.httpGet, { path: '/healthz', port: 'metrics' });
  assert.equal(c!.args[0], 'serve');
  assert.deepEqual(c!.ports, [{ name: 'metrics', containerPort: 9742, protocol: 'TCP' }]);
});

test('the Service port name is the one the shipped scrape configs select', () => {
  const [service] = find('Service', 'poolwatch');
  const ports = (service as unknown as { spec: { ports: Array<{ name: string; port: number }> } }).spec.ports;
  assert.deepEqual(ports.map((p) => p.name), [DEFAULT_CONFIG.scrape.poolwatchPort]);
  assert.equal(DEFAULT_CONFIG.scrape.poolwatchPort, 'metrics');
  assert.equal(DEFAULT_CONFIG.scrape.poolwatchNamespace, service!.metadata.namespace);
});

test('ConfigMap access is pinned to the one name poolwatch reads, by name in its field selector', () => {
  const rules = find('Role', 'metallb-system').flatMap((r) => r['rules'] as Array<Rule & { resourceNames?: string[] }>);
  const configmaps = rules.filter((r) => r.resources.includes('configmaps'));
  assert.deepEqual(configmaps.map((r) => r.resourceNames), [['config']]);
  const source = watchedResources('metallb-system').find((r) => r.kind === 'ConfigMap');
  assert.equal(source?.fieldSelector, 'metadata.name=config');
});

test('a NetworkPolicy lets in only port metrics and out only the API server and DNS', () => {
  const [policy] = find('NetworkPolicy', 'poolwatch');
  const spec = policy!['spec'] as { podSelector: unknown; policyTypes: string[]; ingress: Array<{ ports: unknown }>; egress: Array<{ ports: Array<{ port: number }> }> };
  assert.deepEqual(spec.podSelector, { matchLabels: { 'app.kubernetes.io/name': 'poolwatch' } });
  assert.deepEqual(spec.policyTypes, ['Ingress', 'Egress']);
  assert.deepEqual(spec.ingress, [{ ports: [{ port: 'metrics', protocol: 'TCP' }] }]);
  assert.deepEqual(spec.egress.flatMap((e) => e.ports.map((p) => p.port)), [443, 6443, 53, 53]);
});

test('the image is a placeholder that one documented images: override replaces (kubectl kustomize)', () => {
  const [deployment] = find('Deployment', 'poolwatch');
  const image = (deployment as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0]!.image;
  assert.equal(image, 'REGISTRY/poolwatch:VERSION');
  const overlay = mkdtempSync(join(tmpdir(), 'poolwatch-overlay-'));
  try {
    // The overlay docs/deploy.md shows, word for word.
    const doc = readFileSync(join(dir, '..', '..', 'docs', 'deploy.md'), 'utf8');
    const shown = /```yaml\n(# kustomization\.yaml of your overlay[\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(shown, 'docs/deploy.md shows the overlay');
    writeFileSync(join(overlay, 'kustomization.yaml'), shown.replace('../poolwatch/deploy/kubernetes', relative(overlay, dir)));
    const built = execFileSync('kubectl', ['kustomize', overlay], { encoding: 'utf8' });
    const images = parseAllDocuments(built).map((d) => d.toJS() as Obj).filter((o) => o.kind === 'Deployment')
      .map((o) => (o as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0]!.image);
    assert.deepEqual(images, ['ghcr.io/example/poolwatch:0.1.0']);
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
});

test('--auth=kubernetes is on, with create on tokenreviews and subjectaccessreviews and a reader ClusterRole for what it serves', () => {
  const [deployment] = find('Deployment', 'poolwatch');
  const args = (deployment as unknown as { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } }).spec.template.spec.containers[0]!.args;
  assert.ok(args.includes('--auth=kubernetes'));
  const rules = find('ClusterRole').filter((r) => r.metadata.name === 'poolwatch').flatMap((r) => r['rules'] as Rule[]);
  const creates = rules.filter((r) => r.verbs.includes('create'));
  assert.deepEqual(creates, [
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ]);
  const reader = find('ClusterRole').find((r) => r.metadata.name === 'poolwatch-reader');
  assert.deepEqual(reader?.['rules'], [{ nonResourceURLs: ['/metrics', '/api/*'], verbs: ['get'] }]);
  // Every route that needs a token is covered by the reader's URLs.
  const guarded = routes.filter((r) => r.auth !== false).map((r) => r.path);
  assert.ok(guarded.includes('/metrics') && guarded.includes('/api/v1/status'));
  for (const path of guarded) {
    const urls = (reader!['rules'] as Array<{ nonResourceURLs: string[] }>)[0]!.nonResourceURLs;
    assert.ok(urls.some((u) => u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1)))), path);
  }
});
