// Rule invalid-bgp-peer: a BGPPeer MetalLB refuses (ASNs, address or interface, timers, password, a BFD profile that is not there).
import { readIp } from '../../address/ip.ts';
import type { ConfigObject } from '../../model/types.ts';
import type { FieldPath } from '../../manifest/located.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, fieldAt, metallbObjects } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

const MAX_ASN = 4294967295;
const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Kubernetes duration (`90s`, `1m30s`, `500ms`, `0`) in seconds, or null when it is not one. */
export function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let seconds = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    seconds += Number(m[1]) * UNITS[m[2]!]!;
    at = re.lastIndex;
  }
  return at === text.length && at > 0 ? seconds : null;
}

/** A whole number (as YAML or JSON wrote it), or null. */
function whole(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== 0 && v !== false;

/** Every problem MetalLB has with one peer, each with the field at fault. */
function peerProblems(o: ConfigObject, bfdProfiles: ReadonlySet<string> | null): Array<[FieldPath, string]> {
  const at = (...p: Array<string | number>) => fieldAt(o, ['spec', ...p]);
  const out: Array<[FieldPath, string]> = [];
  const myAsn = at('myASN');
  const peerAsn = at('peerASN');
  const dynamic = at('dynamicASN');
  for (const [key, v] of [['myASN', myAsn], ['peerASN', peerAsn], ['localASN', at('localASN')]] as const) {
    if (v !== undefined && v !== null && (whole(v) === null || (v as number) < 0 || (v as number) > MAX_ASN)) out.push([['spec', key], `${key} ${JSON.stringify(v)} is not an AS number (0 to ${MAX_ASN})`]);
  }
  if (!isSet(myAsn)) out.push([['spec', 'myASN'], 'myASN is missing: MetalLB needs the local AS number']);
  if (!isSet(peerAsn) && !isSet(dynamic)) out.push([['spec'], 'neither peerASN nor dynamicASN is set: MetalLB needs the peer\'s AS number, or dynamicASN: internal or external']);
  if (isSet(peerAsn) && isSet(dynamic)) out.push([['spec', 'dynamicASN'], 'peerASN and dynamicASN are both set: give one of them']);
  if (isSet(dynamic) && dynamic !== 'internal' && dynamic !== 'external') out.push([['spec', 'dynamicASN'], `dynamicASN ${JSON.stringify(dynamic)} is neither internal nor external`]);
  if (at('ebgpMultiHop') === true && isSet(peerAsn) && peerAsn === myAsn) out.push([['spec', 'ebgpMultiHop'], 'ebgpMultiHop is set on an iBGP peer (peerASN equals myASN)']);
  const address = at('peerAddress');
  const iface = at('interface');
  if (!isSet(address) && !isSet(iface)) out.push([['spec'], 'neither peerAddress nor interface is set: MetalLB needs one of them']);
  if (isSet(address) && isSet(iface)) out.push([['spec', 'interface'], 'peerAddress and interface are both set: give one of them']);
  for (const key of ['peerAddress', 'sourceAddress', 'routerID'] as const) {
    const v = at(key);
    if (isSet(v) && (typeof v !== 'string' || !readIp(v).ok)) out.push([['spec', key], `${key} ${JSON.stringify(v)} is not an IP address`]);
  }
  const port = at('peerPort');
  if (port !== undefined && port !== null && (whole(port) === null || (port as number) < 1 || (port as number) > 16384)) out.push([['spec', 'peerPort'], `peerPort ${JSON.stringify(port)} is outside 1 to 16384`]);
  out.push(...timerProblems(at('holdTime'), at('keepaliveTime')));
  const secret = at('passwordSecret');
  const secretName = secret !== null && typeof secret === 'object' ? (secret as Record<string, unknown>)['name'] : undefined;
  if (isSet(at('password')) && isSet(secretName)) out.push([['spec', 'password'], 'password and passwordSecret are both set: give one of them']);
  const bfd = at('bfdProfile');
  if (bfdProfiles && typeof bfd === 'string' && bfd !== '' && !bfdProfiles.has(bfd)) {
    const known = [...bfdProfiles].map((n) => `"${n}"`).join(', ');
    out.push([['spec', 'bfdProfile'], `bfdProfile "${bfd}" is not a BFDProfile in the input (BFDProfiles: ${known}): MetalLB keeps waiting for it and loads no new configuration meanwhile`]);
  }
  return out;
}

/** holdTime 0 or at least 3 s (whole seconds), keepaliveTime not above it (MetalLB derives the missing one: hold = 3 x keepalive). */
function timerProblems(hold: unknown, keepalive: unknown): Array<[FieldPath, string]> {
  const out: Array<[FieldPath, string]> = [];
  const read = (v: unknown, key: string): number | null | undefined => {
    if (v === undefined || v === null) return undefined;
    const s = typeof v === 'string' ? parseDuration(v) : null;
    if (s === null) out.push([['spec', key], `${key} ${JSON.stringify(v)} is not a duration (such as 90s or 1m30s)`]);
    return s;
  };
  const h = read(hold, 'holdTime');
  const k = read(keepalive, 'keepaliveTime');
  if (h === null || k === null || (h === undefined && k === undefined)) return out;
  const holdSeconds = h ?? k! * 3;
  const keepaliveSeconds = k ?? h! / 3;
  const rounded = Math.trunc(holdSeconds);
  if (rounded !== 0 && rounded < 3) out.push([['spec', h === undefined ? 'keepaliveTime' : 'holdTime'], `holdTime ${h === undefined ? `(3 x keepaliveTime) ` : ''}must be 0 or at least 3s`]);
  else if (keepaliveSeconds > holdSeconds) out.push([['spec', 'keepaliveTime'], `keepaliveTime ${JSON.stringify(keepalive)} is longer than holdTime ${JSON.stringify(hold)}`]);
  return out;
}

export const invalidBgpPeer: LedgerRule = {
  code: 'invalid-bgp-peer',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    const profiles = metallbObjects(ledger, 'BFDProfile', options.metallbNamespace).map((o) => o.name);
    // An input without BFDProfiles is a part of a configuration (profiles kept in their own files): nothing to check the name against.
    const bfdProfiles = profiles.length > 0 ? new Set(profiles) : null;
    for (const o of metallbObjects(ledger, 'BGPPeer', options.metallbNamespace)) {
      for (const [path, why] of peerProblems(o, bfdProfiles)) out.push(configFinding('invalid-bgp-peer', `${described(o)}: ${why}`, o, path));
    }
    return out;
  },
};
