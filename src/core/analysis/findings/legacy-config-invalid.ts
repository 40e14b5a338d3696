// Rule legacy-config-invalid: what MetalLB v0.12 refuses in its ConfigMap: unknown keys (it decodes strictly), pools without a valid protocol, BGP settings on layer2 pools, a name used twice, bad BGP values.
import { readEmbeddedYaml } from '../../manifest/yaml-reader.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, fieldAt } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';
import { badCommunity } from './invalid-community.ts';

/** The keys v0.12 knows at each level of its configuration. */
const KEYS = {
  top: ['peers', 'bgp-communities', 'address-pools', 'bfd-profiles'],
  pool: ['protocol', 'name', 'addresses', 'avoid-buggy-ips', 'auto-assign', 'bgp-advertisements'],
  advertisement: ['aggregation-length', 'aggregation-length-v6', 'localpref', 'communities'],
  peer: ['my-asn', 'peer-asn', 'peer-address', 'source-address', 'peer-port', 'hold-time', 'keepalive-time', 'router-id', 'node-selectors', 'password', 'bfd-profile', 'ebgp-multihop'],
  bfd: ['name', 'receive-interval', 'transmit-interval', 'detect-multiplier', 'echo-interval', 'echo-mode', 'passive-mode', 'minimum-ttl'],
  selector: ['match-labels', 'match-expressions'],
  requirement: ['key', 'operator', 'values'],
};

function mapping(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The nearest known key, for "did you mean" (a key that differs only by a plural, a dash or a letter). */
function nearKey(key: string, known: readonly string[]): string | null {
  const plain = (k: string) => k.toLowerCase().replace(/[-_]/g, '').replace(/s$/, '');
  return known.find((k) => plain(k) === plain(key)) ?? null;
}

/** Every problem of one legacy configuration, as messages naming the path inside `data.config`. */
export function legacyProblems(config: Record<string, unknown>): string[] {
  const out: string[] = [];
  const unknownKeys = (v: unknown, known: readonly string[], where: string) => {
    for (const key of Object.keys(mapping(v) ?? {})) {
      if (known.includes(key)) continue;
      const near = nearKey(key, known);
      out.push(`${where}${where ? '.' : ''}${key} is not a key MetalLB knows${near ? ` (did you mean ${near}?)` : ''}: it decodes the configuration strictly and refuses it`);
    }
  };
  unknownKeys(config, KEYS.top, '');
  list(config['peers']).forEach((p, i) => {
    unknownKeys(p, KEYS.peer, `peers[${i}]`);
    list(mapping(p)?.['node-selectors']).forEach((sel, j) => {
      unknownKeys(sel, KEYS.selector, `peers[${i}].node-selectors[${j}]`);
      list(mapping(sel)?.['match-expressions']).forEach((r, k) => unknownKeys(r, KEYS.requirement, `peers[${i}].node-selectors[${j}].match-expressions[${k}]`));
    });
  });
  list(config['bfd-profiles']).forEach((b, i) => unknownKeys(b, KEYS.bfd, `bfd-profiles[${i}]`));
  const aliases = mapping(config['bgp-communities']) ?? {};
  for (const [alias, value] of Object.entries(aliases)) {
    const why = badCommunity(String(value));
    if (why || String(value).split(':').length !== 2) out.push(`bgp-communities.${alias}: ${why ?? `"${String(value)}" is a large community, which v0.12 does not support`}`);
  }
  const seen = new Set<string>();
  list(config['address-pools']).forEach((p, i) => {
    const pool = mapping(p) ?? {};
    const at = `address-pools[${i}]`;
    unknownKeys(pool, KEYS.pool, at);
    const name = typeof pool['name'] === 'string' ? pool['name'] : '';
    if (name !== '' && seen.has(name)) out.push(`${at}: pool "${name}" is defined twice`);
    seen.add(name);
    const protocol = pool['protocol'];
    const ads = list(pool['bgp-advertisements']);
    if (protocol === undefined || protocol === null || protocol === '') out.push(`${at}: pool "${name}" has no protocol (layer2 or bgp)`);
    else if (protocol !== 'layer2' && protocol !== 'bgp') out.push(`${at}: pool "${name}" has the unknown protocol ${JSON.stringify(protocol)} (layer2 or bgp)`);
    else if (protocol === 'layer2' && ads.length > 0) out.push(`${at}: layer2 pool "${name}" has bgp-advertisements, which only bgp pools may have`);
    ads.forEach((a, j) => {
      const ad = mapping(a) ?? {};
      const where = `${at}.bgp-advertisements[${j}]`;
      unknownKeys(ad, KEYS.advertisement, where);
      const v4 = ad['aggregation-length'];
      const v6 = ad['aggregation-length-v6'];
      if (typeof v4 === 'number' && v4 > 32) out.push(`${where}.aggregation-length ${v4} is larger than 32`);
      if (typeof v6 === 'number' && v6 > 128) out.push(`${where}.aggregation-length-v6 ${v6} is larger than 128`);
      const communities = list(ad['communities']).map(String);
      communities.forEach((c, k) => {
        if (communities.indexOf(c) < k) out.push(`${where}.communities lists "${c}" twice`);
        else if (!Object.hasOwn(aliases, c)) {
          const why = badCommunity(c);
          if (why || c.split(':').length !== 2) out.push(`${where}.communities: ${why ?? `"${c}" is a large community, which v0.12 does not support`}`);
        }
      });
    });
  });
  return out;
}

export const legacyConfigInvalid: LedgerRule = {
  code: 'legacy-config-invalid',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const o of ledger.config) {
      if (o.kind !== 'ConfigMap' || !o.readable) continue;
      // Unreadable YAML is invalid-manifest, said by the decoder with the same reader.
      const top = mapping(readEmbeddedYaml(String(fieldAt(o, ['data', 'config']) ?? ''), 'data.config').value);
      if (!top) continue;
      // The embedded document has no positions of its own: each problem names its path inside data.config.
      for (const message of legacyProblems(top)) out.push(configFinding('legacy-config-invalid', `ConfigMap "${o.name}" data.config: ${message}`, o, ['data', 'config']));
    }
    return out;
  },
};
