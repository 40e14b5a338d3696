// The legacy MetalLB ConfigMap kind (`config`, key `config` holding `address-pools`), decoded into Pools.
import { readEmbeddedYaml } from '../../manifest/yaml-reader.ts';
import type { Pool } from '../types.ts';
import { FieldReader, isObject } from './fields.ts';
import { applyPools } from './ip-address-pool.ts';
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import { defineKind } from './kind.ts';
import { decodePoolAddresses } from './pool-addresses.ts';

/** Whether a ConfigMap is MetalLB's legacy configuration: named `config`, in the MetalLB namespace or holding `address-pools`. */
export function isLegacyMetallbConfigMap(raw: Record<string, unknown>): boolean {
  const meta = isObject(raw['metadata']) ? raw['metadata'] : {};
  const data = isObject(raw['data']) ? raw['data'] : {};
  if (meta['name'] !== 'config' || typeof data['config'] !== 'string') return false;
  return meta['namespace'] === METALLB_NAMESPACE || /(^|\n)address-pools\s*:/.test(data['config']);
}

export function decodeLegacyConfigMap(r: FieldReader): Pool[] {
  const meta = r.metadata('ConfigMap', METALLB_NAMESPACE);
  if (!meta) return [];
  const text = r.string(['data', 'config']) ?? '';
  // The same reader and messages as a manifest file; positions inside the text are named in the message.
  const { value: config, problems } = readEmbeddedYaml(text, 'data.config');
  for (const message of problems) r.problem(['data', 'config'], message);
  if (problems.length > 0 && config === undefined) return [];
  if (!isObject(config)) {
    r.problem(['data', 'config'], 'data.config must be a mapping with address-pools');
    return [];
  }
  // The embedded document has no positions of its own: its fields are reported at data.config.
  const inner = new FieldReader(config, r.ref, () => r.locate(['data', 'config']));
  const pools: Pool[] = [];
  inner.list(['address-pools']).forEach((_, i) => {
    const at = ['address-pools', i];
    const name = inner.requiredString([...at, 'name']);
    // A missing or unknown protocol is legacy-config-invalid; the pool's addresses still count.
    const protocol = inner.string([...at, 'protocol']);
    const addresses = decodePoolAddresses(inner, [...at, 'addresses']);
    const autoAssign = inner.bool([...at, 'auto-assign'], true);
    const avoidBuggyIPs = inner.bool([...at, 'avoid-buggy-ips'], false);
    if (name === null) return;
    pools.push({
      origin: 'ConfigMap',
      name,
      namespace: meta.namespace,
      labels: {},
      addresses,
      autoAssign,
      avoidBuggyIPs,
      serviceAllocation: null,
      protocol: protocol === 'layer2' || protocol === 'bgp' ? protocol : null,
      creationTimestamp: meta.creationTimestamp,
      location: r.locate(['data', 'config']),
    });
  });
  r.problems.push(...inner.problems);
  return pools;
}

export const legacyConfigMapKind = defineKind({
  kind: 'ConfigMap',
  groups: [''],
  // The legacy (before v0.13) configuration: ConfigMap `config` in MetalLB's namespace.
  resource: { group: '', version: 'v1', plural: 'configmaps', scope: 'metallb-namespace', fieldSelector: 'metadata.name=config', optional: false },
  slot: 'pools',
  accepts: isLegacyMetallbConfigMap,
  decode: decodeLegacyConfigMap,
  live: applyPools,
});
