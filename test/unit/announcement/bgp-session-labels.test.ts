// BGP session series carry node, peer and vrf as frr-k8s's session metrics write them, so MetalLBBGPSessionDown can inhibit MetalLBBGPPeerDownWithServices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bgpSessionLabels } from '../../../src/core/metrics/bgp-session-labels.ts';

const fact = (peer: string, vrf = '') => ({ node: 'node-a', peer, vrf, established: false, services: 2 });

test('an IPv6 peer as the BGPSessionState writes it (expanded, with -) is the compressed address frrk8s_bgp_session_up has', () => {
  assert.deepEqual(bgpSessionLabels(fact('fd00-0000-0000-0000-0000-0000-0000-0002')), { node: 'node-a', peer: 'fd00::2', vrf: 'default' });
  assert.deepEqual(bgpSessionLabels(fact('2001-0db8-0000-0001-0000-0000-0000-0000', 'red')), { node: 'node-a', peer: '2001:db8:0:1::', vrf: 'red' });
  assert.equal(bgpSessionLabels(fact('FD00:0:0::2')).peer, 'fd00::2', 'an address with colons is written canonically too');
});

test('IPv4 peers and interface names (unnumbered sessions) stay as they are; the default VRF is "default"', () => {
  assert.deepEqual(bgpSessionLabels(fact('10.0.0.2')), { node: 'node-a', peer: '10.0.0.2', vrf: 'default' });
  assert.equal(bgpSessionLabels(fact('eth1')).peer, 'eth1');
  assert.equal(bgpSessionLabels(fact('dead-beef')).peer, 'dead-beef', 'not eight groups: a name, not an address');
});
