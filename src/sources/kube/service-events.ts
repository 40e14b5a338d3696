// The Events about one Service, read with the official client's typed call (only `explain` reads them).
import { ApiException, CoreV1Api, type CoreV1Event } from '@kubernetes/client-node';
import type { EventsInput, ServiceEvent } from '../../core/explain/explain-service.ts';
import { loadKubeConfig, type KubeConfigOptions } from './kubeconfig.ts';

const iso = (d: Date | string | undefined | null): string | null => {
  if (d === undefined || d === null) return null;
  const t = d instanceof Date ? d : new Date(d);
  return Number.isNaN(t.getTime()) ? null : t.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

function toServiceEvent(e: CoreV1Event): ServiceEvent {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    // A series event counts in series.count; an old-style one in count.
    count: e.series?.count ?? e.count ?? 1,
    lastTimestamp: iso(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp),
    source: e.reportingComponent || e.source?.component || null,
  };
}

/**
 * Lists the Events whose involvedObject is the Service `namespace/name`. What the API refuses (RBAC, a
 * failure) is not an error of `explain`: it becomes the reason the events are missing.
 */
export async function readServiceEvents(config: KubeConfigOptions, namespace: string, name: string): Promise<EventsInput> {
  const { kc, context } = loadKubeConfig(config);
  const api = kc.makeApiClient(CoreV1Api);
  try {
    const list = await api.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=Service,involvedObject.name=${name}` });
    return { items: list.items.map(toServiceEvent) };
  } catch (err) {
    if (err instanceof ApiException && (err.code === 401 || err.code === 403)) {
      return { notRead: `the API server refused to list events in namespace ${namespace} (HTTP ${err.code}): the RBAC of context ${context} does not allow it` };
    }
    const why = err instanceof ApiException ? `HTTP ${err.code}` : err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { notRead: `events could not be read: ${why}` };
  }
}
