// BGP sessions joined with the services they carry: frr-k8s naming (IPv6, default VRF), shared peer addresses, unknown peers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnouncementObjectsIndex } from '../../../src/core/announcement/announcement-objects.ts';
import { bgpSessionFacts, carriedSessions } from '../../../src/core/announcement/bgp-sessions.ts';

const NS = 'metallb-system';
const peer = (name: string, address: string, vrf = '') => ({ namespace: NS, name, address, interface: null, vrf, nodeSelectors: [], location: null });
const status = (name: string, node: string, service: string, peers: string[]) => ({ namespace: NS, name, node, serviceNamespace: 'shop', serviceName: service, peers, location: null });
const session = (node: string, peerLabel: string, vrf: string, bgpStatus: string) => ({ namespace: 'frr-k8s-system', name: `${node}-${peerLabel}`, node, peer: peerLabel, vrf, bgpStatus, bfdStatus: null, location: null });

test('sessions are named as frr-k8s names them and carry the services advertised over them', () => {
  const objects = new AnnouncementObjectsIndex();
  objects.upsert('bgpPeers', peer('v6', 'fd00::1'));
  objects.upsert('bgpPeers', peer('red', '10.0.0.9', 'red'));
  // Two BGPPeers with one address (say, for two node sets) are one session: its services are counted once.
  objects.upsert('bgpPeers', peer('tor', '10.0.0.1'));
  objects.upsert('bgpPeers', peer('tor-alias', '10.0.0.1', 'default'));
  objects.upsert('bgpStatuses', status('bgp-1', 'n1', 'a', ['v6', 'tor', 'tor-alias', 'ghost']));
  objects.upsert('bgpStatuses', status('bgp-2', 'n1', 'b', ['tor', 'red']));
  objects.upsert('bgpSessions', session('n1', 'fd00-0000-0000-0000-0000-0000-0000-0001', '', 'Active'));
  objects.upsert('bgpSessions', session('n1', '10.0.0.1', '', 'Established'));
  objects.upsert('bgpSessions', session('n2', '10.0.0.1', '', 'Idle'));
  assert.deepEqual(bgpSessionFacts(objects), [
    { node: 'n1', peer: '10.0.0.1', vrf: '', established: true, services: 2 },
    { node: 'n1', peer: '10.0.0.9', vrf: 'red', established: null, services: 1 },
    { node: 'n1', peer: 'fd00-0000-0000-0000-0000-0000-0000-0001', vrf: '', established: false, services: 1 },
    { node: 'n2', peer: '10.0.0.1', vrf: '', established: false, services: 0 },
  ]);
  // The unknown BGPPeer "ghost" is still a carried session (the finding can say nothing about it, the metrics leave it out).
  const ghost = carriedSessions(objects).find((c) => c.peerName === 'ghost')!;
  assert.deepEqual({ target: ghost.target, session: ghost.session, services: ghost.services }, { target: null, session: undefined, services: ['shop/a'] });
});
