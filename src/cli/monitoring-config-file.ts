// Reads a monitoring config file (YAML or JSON) for `generate`, reporting bad input as file:line:col.
import { systemErrorText } from '../core/system-error.ts';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isNode, LineCounter } from 'yaml';
import { readYamlStream } from '../core/manifest/yaml-reader.ts';
import { PoolwatchError } from '../core/errors.ts';
import { resolveConfig, type MonitoringConfig } from '../core/generate/config.ts';

export function loadMonitoringConfig(path: string, cwd: string): MonitoringConfig {
  const shown = relative(cwd, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PoolwatchError('unreadable-input', `cannot read the config: ${systemErrorText(err, shown)}`, { location: shown });
  }
  const lineCounter = new LineCounter();
  // JSON is YAML 1.2, so one reader (the manifests' own) reads both and gives positions for both.
  const stream = readYamlStream(text, lineCounter);
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  const [first, second] = stream.documents;
  const problem = stream.problems[0] ?? first?.problems[0];
  if (problem) throw new PoolwatchError('invalid-manifest', problem.message, { location: at(problem.offset) });
  if (second) throw new PoolwatchError('invalid-manifest', 'the config is one YAML document; this is a second one', { location: at(second.doc.range[0]) });
  const doc = first?.doc;
  const locate = (path: ReadonlyArray<string | number>) => {
    // The deepest node that exists on the path: a missing key points at the map that lacks it.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc?.contents : doc?.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return `${shown}:1:1`;
  };
  return resolveConfig(first?.value ?? null, locate);
}
