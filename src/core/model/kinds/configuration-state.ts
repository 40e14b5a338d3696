// The ConfigurationState kind (metallb.io, v0.15.3+): whether the controller and each speaker accepted the configuration.
import type { ConfigurationState } from '../types.ts';
import { applyAnnouncementObject } from './announcement-object.ts';
import type { FieldReader } from './fields.ts';
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import { defineKind } from './kind.ts';

const RESULTS = new Set(['Valid', 'Invalid', 'Unknown']);

export function decodeConfigurationState(r: FieldReader): ConfigurationState | null {
  const meta = r.metadata('ConfigurationState', METALLB_NAMESPACE);
  const result = r.string(['status', 'result']);
  const errorSummary = r.string(['status', 'errorSummary']) ?? '';
  if (!meta) return null;
  // Named `controller` or `speaker-<node>`, and labelled with the same facts.
  const speakerNode = meta.name.startsWith('speaker-') ? meta.name.slice('speaker-'.length) : null;
  const component = meta.labels['metallb.io/component-type'] ?? (speakerNode !== null ? 'speaker' : meta.name);
  const node = meta.labels['metallb.io/node-name'] ?? speakerNode;
  return {
    namespace: meta.namespace,
    name: meta.name,
    component,
    node: component === 'speaker' ? node : null,
    // A component that has not reported yet has no result: MetalLB calls that Unknown.
    result: result !== null && RESULTS.has(result) ? (result as ConfigurationState['result']) : 'Unknown',
    errorSummary,
    location: r.locate([]),
  };
}

export const configurationStateKind = defineKind({
  kind: 'ConfigurationState',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta1', plural: 'configurationstates', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1'], configuration: false },
  slot: 'configurationStates',
  decode: decodeConfigurationState,
  live: applyAnnouncementObject('configurationStates'),
});
