// Loads a fixture folder of manifests into the fake API server, so the kube source and the manifest source see one cluster.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { FakeApiServer, FakeResource } from './fake-apiserver.ts';

const PLURAL: Record<string, FakeResource> = {
  Service: 'services',
  Namespace: 'namespaces',
  ConfigMap: 'configmaps',
  Event: 'events',
  IPAddressPool: 'ipaddresspools',
  L2Advertisement: 'l2advertisements',
  BGPAdvertisement: 'bgpadvertisements',
  Node: 'nodes',
  ServiceL2Status: 'servicel2statuses',
  ServiceBGPStatus: 'servicebgpstatuses',
  BGPPeer: 'bgppeers',
  ConfigurationState: 'configurationstates',
  BGPSessionState: 'bgpsessionstates',
};

/** Applies every object of every *.yaml in `dir`; returns how many were applied. */
export function loadFixture(fake: FakeApiServer, dir: string): number {
  let n = 0;
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const obj = doc.toJS() as { kind?: string; metadata?: { namespace?: string } } | null;
      if (!obj?.kind || !PLURAL[obj.kind]) continue;
      fake.apply(PLURAL[obj.kind]!, obj as Record<string, unknown>);
      n++;
    }
  }
  return n;
}
