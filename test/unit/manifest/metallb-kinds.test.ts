// One list says which metallb.io kinds and versions exist: the kinds registry, plus the kinds kept only as configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServedMetallbKind, KINDS, METALLB_CONFIG_KINDS, METALLB_KINDS } from '../../../src/core/model/kinds/index.ts';
import { METALLB_GROUP } from '../../../src/core/model/kinds/metallb.ts';

test('every metallb.io kind of the registry declares the versions MetalLB serves, and lint checks against them', () => {
  for (const k of KINDS.filter((k) => k.groups.includes(METALLB_GROUP))) {
    assert.ok('metallb' in k && k.metallb, `${k.kind} declares its metallb facts`);
    assert.ok(k.metallb.served.includes(k.resource.version), `${k.kind}: the watched version is a served one`);
    assert.deepEqual(METALLB_KINDS[k.kind], k.metallb.served);
  }
  assert.deepEqual(Object.keys(METALLB_KINDS).sort(), ['BFDProfile', 'BGPAdvertisement', 'BGPPeer', 'Community', 'ConfigurationState', 'IPAddressPool', 'L2Advertisement', 'ServiceBGPStatus', 'ServiceL2Status']);
  assert.deepEqual([...METALLB_CONFIG_KINDS].sort(), ['BFDProfile', 'BGPAdvertisement', 'BGPPeer', 'Community', 'IPAddressPool', 'L2Advertisement']);
  assert.equal(isServedMetallbKind('BGPPeer', 'v1beta1'), true);
  assert.equal(isServedMetallbKind('IPAddressPool', 'v1'), false);
  assert.equal(isServedMetallbKind('AddressPool', 'v1beta1'), false);
});
