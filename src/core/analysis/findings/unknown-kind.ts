// Rule unknown-kind: a metallb.io object whose kind or version MetalLB does not serve, or a near miss of a MetalLB kind.
import { editDistance } from '../../edit-distance.ts';
import { METALLB_GROUP, REMOVED_METALLB_KINDS, splitApiVersion } from '../../model/kinds/metallb.ts';
import { METALLB_KINDS } from '../../model/kinds/index.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

/** The MetalLB kind `kind` was probably meant to be: same letters in another case, or at most two edits away. */
export function nearestKind(kind: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of Object.keys(METALLB_KINDS)) {
    const d = known.toLowerCase() === kind.toLowerCase() ? 0 : editDistance(known.toLowerCase(), kind.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

function versionsOf(kind: string): string {
  return METALLB_KINDS[kind]!.map((v) => `${METALLB_GROUP}/${v}`).join(' and ');
}

export const unknownKind: LedgerRule = {
  code: 'unknown-kind',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const o of ledger.config) {
      const { group, version } = splitApiVersion(o.apiVersion);
      const known = METALLB_KINDS[o.kind];
      if (group !== METALLB_GROUP) {
        // A MetalLB kind under another group that looks like MetalLB's is a typo of the group; other groups are not ours.
        if (known && /metal/i.test(group)) {
          out.push(configFinding('unknown-kind', `apiVersion "${o.apiVersion}": MetalLB's ${o.kind} is ${versionsOf(o.kind)}`, o, ['apiVersion']));
        }
        continue;
      }
      if (known) {
        if (!known.includes(version)) {
          out.push(configFinding('unknown-kind', `${o.kind} does not exist in ${o.apiVersion}: it exists in ${versionsOf(o.kind)}`, o, ['apiVersion']));
        }
        continue;
      }
      const removed = REMOVED_METALLB_KINDS[o.kind];
      const near = nearestKind(o.kind);
      const why = removed ? `${o.kind} was ${removed}` : near ? `did you mean ${near}?` : `MetalLB's kinds are ${Object.keys(METALLB_KINDS).join(', ')}`;
      out.push(configFinding('unknown-kind', `${METALLB_GROUP} has no kind ${o.kind}: ${why}`, o, ['kind']));
    }
    return out;
  },
};
