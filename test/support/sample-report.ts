// A small hand-built report (dual-stack pool, a full pool, pending and ignored services) for server and metrics tests.
import type { Report } from '../../src/core/report/types.ts';

export function sampleReport(): Report {
  return {
    generatedAt: '2026-11-21T10:00:00Z',
    pools: [
      {
        name: 'default',
        namespace: 'metallb-system',
        autoAssign: true,
        avoidBuggyIPs: false,
        priority: null,
        addresses: ['192.168.10.0/24', 'fd00:10::/64'],
        ipv4: { total: 256n, inUse: 3n, available: 253n, utilization: 3 / 256 },
        ipv6: { total: 18446744073709551616n, inUse: 1n, available: 18446744073709551615n, utilization: 1 / 2 ** 64 },
        services: 3,
        namespaces: { shop: { ipv4: 2n, ipv6: 1n }, ops: { ipv4: 1n, ipv6: 0n } },
      },
      {
        name: 'small',
        namespace: 'metallb-system',
        autoAssign: false,
        avoidBuggyIPs: true,
        priority: 10,
        addresses: ['192.168.10.250-192.168.10.255'],
        ipv4: { total: 5n, inUse: 5n, available: 0n, utilization: 1 },
        ipv6: null,
        services: 5,
        namespaces: { 'we"ird\\ns': { ipv4: 5n, ipv6: 0n } },
      },
    ],
    services: [
      { namespace: 'ops', name: 'dns', state: 'allocated', pool: 'default', ips: ['192.168.10.2'], sharingKey: null, simulated: false, reason: null },
      { namespace: 'shop', name: 'api', state: 'pending', pool: null, ips: [], sharingKey: null, simulated: false, reason: { code: 'pool-exhausted', message: 'pool "small" has no free IPv4 address (5/5)' } },
      { namespace: 'shop', name: 'db', state: 'ignored', pool: null, ips: [], sharingKey: null, simulated: false, reason: null },
      { namespace: 'shop', name: 'web', state: 'allocated', pool: 'default', ips: ['192.168.10.0', 'fd00:10::'], sharingKey: null, simulated: false, reason: null },
    ],
    findings: [
      { code: 'pool-overlap', severity: 'error', message: 'pool "default" 192.168.10.0/24 overlaps pool "small" 192.168.10.250-192.168.10.255 (6 addresses)', objects: ['IPAddressPool/metallb-system/default', 'IPAddressPool/metallb-system/small'], location: null },
      { code: 'pool-exhausted', severity: 'error', message: 'pool "small" is exhausted', objects: ['IPAddressPool/metallb-system/small'], location: null },
    ],
    facts: {
      overlaps: [{ pool: 'default', otherPool: 'small', addresses: 6n }],
      pendingPools: new Map([['shop/api', 'small']]),
    },
  };
}
