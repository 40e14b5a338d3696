// Puts a build's files into its output folder without ever showing a reader a missing or half-written file: unchanged files stay as they are, changed ones are renamed into place.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** `.NAME.PID.tmp`: a file being written by the build in process PID. */
const TEMPORARY = /^\..+\.(\d+)\.tmp$/;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function sameContents(path, contents) {
  try {
    return Buffer.compare(readFileSync(path), contents) === 0;
  } catch {
    return false;
  }
}

/**
 * Makes `outdir` hold exactly `files` ({ path, contents }, absolute paths under outdir). Others may run
 * the code in outdir meanwhile (a test run and the fault corpus share one checkout): a file whose
 * contents are the same is not touched, a changed one is written beside it and renamed over it (one
 * atomic step), and only then are files the build no longer makes removed. Two builds of the same
 * source at once are safe too: each writes its own temporary files.
 */
export function publishFiles(outdir, files) {
  const wanted = new Set();
  for (const file of files) {
    const path = resolve(file.path);
    const contents = file.contents;
    wanted.add(path);
    if (sameContents(path, contents)) continue;
    mkdirSync(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  }
  prune(resolve(outdir), wanted);
}

/** Removes what the build did not make (and temporary files of builds that died); returns whether `dir` is left empty. */
function prune(dir, wanted) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  let kept = 0;
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const writing = TEMPORARY.exec(entry.name);
    if (entry.isDirectory()) {
      if (prune(full, wanted)) rmdirSync(full);
      else kept++;
    } else if (wanted.has(full) || (writing && alive(Number(writing[1])))) {
      kept++;
    } else {
      rmSync(full, { force: true });
    }
  }
  return kept === 0;
}
