// Manifest text to located objects: the JSON reader or the YAML parser, chosen by the first character.
import type { InputProblem } from '../model/types.ts';
import { handOn, type LocatedObject, type ManifestParseResult } from './located.ts';
import { readJsonManifests } from './json-manifests.ts';
import { parseYamlManifests } from './yaml-manifests.ts';

export type { FieldPath, LocatedObject, Locator, ManifestParseResult } from './located.ts';

/**
 * Reads one manifest file's text (multi-document YAML, JSON, `kind: List`), handing each object to
 * `onObject` in document order (a JSON list item by item, as it is parsed). Never throws: every problem
 * is returned with `file:line:col`, and every readable object is handed on beside them.
 */
export function readManifestText(text: string, file: string, onObject: (o: LocatedObject) => void): InputProblem[] {
  const body = manifestBody(text);
  const first = /\S/.exec(body)?.[0];
  if (first === '{' || first === '[') return readJsonManifests(body, file, onObject);
  return handOn(parseYamlManifests(body, file), onObject);
}

/** Reads one manifest file's text into a list of objects and problems (see readManifestText). */
export function parseManifestText(text: string, file: string): ManifestParseResult {
  const objects: LocatedObject[] = [];
  const problems = readManifestText(text, file, (o) => objects.push(o));
  return { objects, problems };
}

/**
 * The text without a leading byte order mark (offsets, and so columns, count from after it), and with
 * old Mac line ends (a CR alone) read as line ends, as YAML defines them: the YAML parser and the line
 * index know only LF and CRLF. The replacement keeps every offset.
 */
export function manifestBody(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.includes('\r') ? body.replace(/\r(?!\n)/g, '\n') : body;
}
