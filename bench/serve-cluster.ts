// A synthetic cluster for the serve benchmarks: pools and services as raw objects, each service with an alternative address.

export interface SyntheticCluster {
  pools: Array<Record<string, unknown>>;
  services: Array<Record<string, unknown>>;
  /** The same service holding its other address (for update events). */
  moved: Array<Record<string, unknown>>;
}

/** `pools` IPv4 /22 pools (1,024 addresses each), `services` spread evenly, each with an address and an alternative. */
export function serveBenchCluster(poolCount: number, serviceCount: number): SyntheticCluster {
  const pools = Array.from({ length: poolCount }, (_, p) => ({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: `pool-${p}`, namespace: 'metallb-system' },
    spec: { addresses: [`10.${p}.0.0/22`] },
  }));
  const service = (i: number, alternate: boolean) => {
    const p = i % poolCount;
    const slot = Math.floor(i / poolCount) + (alternate ? 512 : 0);
    const ip = `10.${p}.${slot >> 8}.${slot & 255}`;
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${i}`, namespace: `ns-${i % 50}`, annotations: { 'metallb.io/ip-allocated-from-pool': `pool-${p}` } },
      spec: { type: 'LoadBalancer', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilies: ['IPv4'], ports: [{ port: 443, protocol: 'TCP' }] },
      status: { loadBalancer: { ingress: [{ ip }] } },
    };
  };
  return {
    pools,
    services: Array.from({ length: serviceCount }, (_, i) => service(i, false)),
    moved: Array.from({ length: serviceCount }, (_, i) => service(i, true)),
  };
}
