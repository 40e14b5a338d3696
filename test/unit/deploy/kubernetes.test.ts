// deploy/kubernetes: RBAC grants read access to exactly the kinds in the kind list; the Deployment is locked down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../../src/core/generate/config.ts';
import { KINDS } from '../../../src/core/model/kinds/index.ts';
import { watchedResources } from '../../../src/sources/kube/resources.ts';

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
  const clusterWide = granted(find('ClusterRole').flatMap((r) => r['rules'] as Rule[]));
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
