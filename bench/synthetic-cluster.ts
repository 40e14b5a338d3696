// Deterministic synthetic clusters as raw Kubernetes objects (what a manifest dump or the API gives), for benchmarks and load tests.
//
// `syntheticCluster({ pools: 1000, services: 100_000 })` returns a `kind: List` object holding
// IPAddressPools (IPv4 /22 blocks; every third pool also an IPv6 /64 to /48), one L2Advertisement,
// LoadBalancer Services (allocated from their pool, `pendingRatio` without address, `sharedRatio`
// sharing the previous service's address) and an AllocationFailed Event for half of the pending ones.
// The same seed always gives the same cluster.

export interface SyntheticClusterOptions {
  pools: number;
  services: number;
  /** Fraction of services with no address (default 0.05). */
  pendingRatio?: number;
  /** Fraction of services sharing the previous service's address (default 0.02). */
  sharedRatio?: number;
  seed?: number;
}

export interface SyntheticCluster {
  list: { apiVersion: 'v1'; kind: 'List'; items: Record<string, unknown>[] };
  /** How many services were made pending and how many share an address. */
  pending: number;
  shared: number;
}

/** mulberry32: a small seeded PRNG, so runs are comparable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ipv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function syntheticCluster(o: SyntheticClusterOptions): SyntheticCluster {
  const rand = prng(o.seed ?? 42);
  const pendingRatio = o.pendingRatio ?? 0.05;
  const sharedRatio = o.sharedRatio ?? 0.02;
  const items: Record<string, unknown>[] = [];
  const poolBase: number[] = [];
  const poolHasV6: boolean[] = [];
  for (let i = 0; i < o.pools; i++) {
    // 10.0.0.0/8 split into /22 blocks: room for 16384 pools.
    const base = (10 << 24) + i * 1024;
    poolBase.push(base);
    const addresses = [`${ipv4(base)}/22`];
    const v6 = i % 3 === 0;
    poolHasV6.push(v6);
    if (v6) addresses.push(`fd00:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::/${48 + ((i * 4) % 17)}`);
    items.push({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: `pool-${i}`, namespace: 'metallb-system', labels: { tier: i % 2 === 0 ? 'a' : 'b' } },
      spec: { addresses, autoAssign: true, avoidBuggyIPs: false },
    });
  }
  items.push({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'all', namespace: 'metallb-system' }, spec: {} });
  const next = new Array<number>(o.pools).fill(1);
  let pending = 0;
  let shared = 0;
  let previous: { pool: number; ips: string[]; annotations: Record<string, string> } | null = null;
  for (let s = 0; s < o.services; s++) {
    const ns = `team-${s % 200}`;
    const name = `svc-${s}`;
    const annotations: Record<string, string> = {};
    const meta = { name, namespace: ns, uid: `uid-${s}`, annotations };
    const spec: Record<string, unknown> = { type: 'LoadBalancer', ports: [{ name: 'http', port: 80 + (s % 7), protocol: 'TCP' }] };
    const r = rand();
    if (r < pendingRatio) {
      pending++;
      items.push({ apiVersion: 'v1', kind: 'Service', metadata: meta, spec, status: { loadBalancer: {} } });
      if (pending % 2 === 0) {
        items.push({
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `${name}.evt`, namespace: ns },
          type: 'Warning',
          reason: 'AllocationFailed',
          message: `Failed to allocate IP for "${ns}/${name}": no available IPs`,
          involvedObject: { kind: 'Service', namespace: ns, name },
        });
      }
      continue;
    }
    let pool: number;
    let ips: string[];
    if (previous && r < pendingRatio + sharedRatio) {
      shared++;
      pool = previous.pool;
      ips = previous.ips;
      annotations["metallb.io/allow-shared-ip"] = `share-${pool}`;
      // The first holder must allow sharing too, or the pair is an address conflict.
      previous.annotations["metallb.io/allow-shared-ip"] = `share-${pool}`;
      spec['ports'] = [{ name: 'alt', port: 10000 + s, protocol: 'TCP' }];
    } else {
      pool = Math.floor(rand() * o.pools);
      const k = next[pool]!++ % 1022;
      ips = [ipv4(poolBase[pool]! + k)];
      if (poolHasV6[pool] && s % 2 === 0) ips.push(`fd00:${(pool >> 16).toString(16)}:${(pool & 0xffff).toString(16)}::${k.toString(16)}`);
    }
    annotations['metallb.io/ip-allocated-from-pool'] = `pool-${pool}`;
    items.push({ apiVersion: 'v1', kind: 'Service', metadata: meta, spec, status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } } });
    previous = { pool, ips, annotations };
  }
  return { list: { apiVersion: 'v1', kind: 'List', items }, pending, shared };
}
