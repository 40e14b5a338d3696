// Rule deprecated-annotation: a service uses the legacy metallb.universe.tf/ annotation prefix.
import { ANNOTATION_PREFIX, LEGACY_ANNOTATION_PREFIX } from '../../model/annotations.ts';
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const deprecatedAnnotation: ServiceRule = {
  code: 'deprecated-annotation',
  concerns: (rec) => {
    for (const key in rec.service.annotations) if (key.startsWith(LEGACY_ANNOTATION_PREFIX)) return true;
    return false;
  },
  evaluate: (rec) => {
    const out: Finding[] = [];
    for (const key in rec.service.annotations) {
      if (!key.startsWith(LEGACY_ANNOTATION_PREFIX)) continue;
      const current = ANNOTATION_PREFIX + key.slice(LEGACY_ANNOTATION_PREFIX.length);
      // MetalLB's controller itself wrote metallb.universe.tf/ip-allocated-from-pool before v0.14.9 and never removes it.
      if (key.endsWith('/ip-allocated-from-pool') && rec.service.annotations[current] !== undefined) continue;
      out.push(finding('deprecated-annotation', `service ${rec.key} uses the deprecated annotation ${key}; use ${current}`, [serviceRef(rec.service)], rec.service.location));
    }
    return out;
  },
};
