// Writing a report file the user named (--svg, --report, --junit, --save): a file that cannot be
// written is bad input with a readable message, not an internal error with a stack. The targets
// are checked before a long exploration too, so a typo in a path costs seconds, not the run. The
// checks do what the write will do (open the file, create the folder) rather than read the
// folder's permission bits, which refuse /dev/stdout and pass a read-only file.
import {
  closeSync,
  mkdirSync,
  openSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { AuditRaceError, fileErrorReason } from '../sim/errors.ts';

/** Writes `content` to the file `flag` names; a failure is bad input that says why in words. */
export function writeOutputFile(flag: string, path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    const reason = fileErrorReason(error, 'write', 'a file name');
    throw new AuditRaceError('USAGE', `${flag} ${path}: cannot write it (${reason}).`, {
      cause: error,
    });
  }
}

function cannot(flag: string, path: string, why: string, cause?: unknown): AuditRaceError {
  return new AuditRaceError('USAGE', `${flag} ${path}: ${why}.`, { cause });
}

/** An empty path is most often an unset variable in a CI script; it would fail only at the end. */
function refuseEmpty(flag: string, path: string, example: string): void {
  if (path === '') {
    throw new AuditRaceError('USAGE', `${flag}: empty path. Name a ${example}.`);
  }
}

const EXAMPLE_FILES: Readonly<Record<string, string>> = {
  '--report': 'report.md',
  '--junit': 'junit.xml',
  '--svg': 'run.svg',
  '--save-scenario': 'scenario.json',
};

/** Checks, before any work, that the file `flag` names can be written: opens it for appending,
 * which neither changes an existing file nor leaves one the check created. */
export function checkOutputFile(flag: string, path: string): void {
  refuseEmpty(flag, path, `file, e.g. ${flag} ${EXAMPLE_FILES[flag] ?? 'out.txt'}`);
  if (path.endsWith(sep) || path.endsWith('/')) {
    throw cannot(flag, path, 'that names a folder (it ends with /); expected a file name');
  }
  let created = true;
  let fd: number;
  try {
    try {
      fd = openSync(path, 'ax');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      created = false;
      fd = openSync(path, 'a');
    }
  } catch (error) {
    const reason = fileErrorReason(error, 'write', 'a file name');
    throw cannot(flag, path, `cannot write it (${reason})`, error);
  }
  closeSync(fd);
  if (created) unlinkSync(path);
}

/** Checks, before any work, that the folder `flag` names is one that files can be written into,
 * by creating it (with its parents) if need be and writing a probe file into it. */
export function checkOutputFolder(flag: string, path: string): void {
  refuseEmpty(flag, path, `folder, e.g. ${flag} counterexamples`);
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const reason = fileErrorReason(error, 'write', 'a folder');
    throw cannot(flag, path, `cannot create that folder (${reason})`, error);
  }
  if (!statSync(path).isDirectory()) throw cannot(flag, path, 'that is a file; expected a folder');
  const probe = join(path, `.audit-race-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    const reason = fileErrorReason(error, 'write', 'a file name');
    throw cannot(flag, path, `cannot write files into that folder (${reason})`, error);
  }
}

/** What names one file, however it is spelt: an existing file's device and inode, else its
 * folder's real path and its name. */
function fileIdentity(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    // Not there yet: the same name in the same folder is the same file.
  }
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

/** Refuses two flags naming one file, where the second write would replace the first, or a
 * flag naming an input the command reads (`inputs`: what each is, by its path). */
export function checkDistinctFiles(
  targets: readonly (readonly [flag: string, path: string])[],
  inputs: readonly (readonly [what: string, path: string])[],
): void {
  const seen = new Map<string, string>();
  for (const [what, path] of inputs) seen.set(fileIdentity(path), what);
  for (const [flag, path] of targets) {
    const other = seen.get(fileIdentity(path));
    if (other !== undefined) {
      throw cannot(flag, path, `that is also ${other}; name another file`);
    }
    seen.set(fileIdentity(path), `the file ${flag} names`);
  }
}
