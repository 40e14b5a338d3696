// The report families' text writer against prom-client's own output: the same bytes for escapes, repeats, sums and empty families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Gauge, Registry } from 'prom-client';
import { familyText } from '../../../src/server/metrics/exposition.ts';
import type { Sample } from '../../../src/core/metrics/family.ts';

const cases: Array<{ type: 'gauge' | 'counter'; labels: string[]; samples: Sample[] }> = [
  { type: 'gauge', labels: ['pool', 'family'], samples: [[{ pool: 'a', family: 'ipv4' }, 256], [{ pool: 'b', family: 'ipv6' }, 2 ** 64]] },
  // A repeated label set: a gauge keeps the last value in the first place, a counter adds.
  { type: 'gauge', labels: ['pool'], samples: [[{ pool: 'a' }, 1], [{ pool: 'b' }, 2], [{ pool: 'a' }, 3]] },
  { type: 'counter', labels: ['namespace', 'reason'], samples: [[{ namespace: 'x', reason: 'r' }, 1], [{ namespace: 'y', reason: 'r' }, 2], [{ namespace: 'x', reason: 'r' }, 4]] },
  // One sample (what a service's line nearly always is), and a repeat right after the first.
  { type: 'gauge', labels: ['pool'], samples: [[{ pool: 'a' }, 7]] },
  { type: 'counter', labels: ['pool'], samples: [[{ pool: 'a' }, 1], [{ pool: 'a' }, 3]] },
  // Backslashes, quotes and newlines in label values; values that are not plain numbers.
  { type: 'gauge', labels: ['service'], samples: [[{ service: 'a\\b"c\nd' }, 0.1], [{ service: 'inf' }, Infinity], [{ service: '-inf' }, -Infinity]] },
  { type: 'gauge', labels: [], samples: [[{}, 5]] },
  { type: 'gauge', labels: [], samples: [] },
  { type: 'gauge', labels: ['pool'], samples: [] },
];

test('familyText writes what prom-client writes', async () => {
  for (const [i, c] of cases.entries()) {
    const decl = { name: `family_${i}`, help: 'Help with a \\ backslash\nand a newline.', type: c.type, labels: c.labels };
    const registry = new Registry();
    const metric = c.type === 'gauge' ? new Gauge({ ...decl, labelNames: c.labels, registers: [registry] }) : new Counter({ ...decl, labelNames: c.labels, registers: [registry] });
    for (const [labels, value] of c.samples) {
      if (metric instanceof Gauge) metric.set(labels, value);
      else metric.inc(labels, value);
    }
    assert.equal(`${familyText(decl, c.samples)}\n`, await registry.metrics(), `case ${i}`);
  }
});

test('NaN is written as the format spells it (prom-client writes "Nan")', () => {
  assert.equal(familyText({ name: 'f', help: 'h', type: 'gauge', labels: [] }, [[{}, NaN]]), '# HELP f h\n# TYPE f gauge\nf NaN');
});
