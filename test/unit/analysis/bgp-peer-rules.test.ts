// The BGPPeer rules' own parts: Kubernetes durations as MetalLB reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../../src/core/analysis/findings/invalid-bgp-peer.ts';

test('durations: Go syntax, summed units, and anything else refused', () => {
  const cases: Array<[string, number | null]> = [
    ['0', 0],
    ['90s', 90],
    ['1m30s', 90],
    ['1h', 3600],
    ['1.5s', 1.5],
    ['500ms', 0.5],
    ['2s500ms', 2.5],
    ['', null],
    ['90', null],
    ['s', null],
    ['1 m', null],
    ['1d', null],
    ['-1s', null],
  ];
  for (const [text, seconds] of cases) assert.equal(parseDuration(text), seconds, text);
});
