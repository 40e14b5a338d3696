// Reads a monitoring config file (YAML or JSON) for `generate`, reporting bad input as file:line:col.
import { systemErrorText } from '../core/system-error.ts';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
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
  // JSON is YAML 1.2, so one parser reads both and gives positions for both.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  const syntax = doc.errors[0];
  if (syntax) throw new PoolwatchError('invalid-manifest', syntax.message.split('\n')[0]!, { location: at(syntax.pos[0]) });
  const locate = (path: ReadonlyArray<string | number>) => {
    // The deepest node that exists on the path: a missing key points at the map that lacks it.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return `${shown}:1:1`;
  };
  return resolveConfig(doc.toJS(), locate);
}
