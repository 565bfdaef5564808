// Writing a report file the user named (--svg, --report, --junit, --save): a file that cannot be
// written is bad input with a readable message, not an internal error with a stack. The targets
// are checked before a long exploration too, so a typo in a path costs seconds, not the run.
import { accessSync, constants, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function cannot(flag: string, path: string, why: string): AuditRaceError {
  return new AuditRaceError('USAGE', `${flag} ${path}: ${why}.`);
}

/** Refuses a folder the command could not write a file into: missing, a file, read-only. */
function checkFolder(flag: string, path: string, folder: string): void {
  const stats = statOrNull(folder);
  if (stats === null) throw cannot(flag, path, `folder ${folder} does not exist; create it first`);
  if (!stats.isDirectory()) throw cannot(flag, path, `${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw cannot(flag, path, `folder ${folder} is not writable`);
  }
}

/** Checks, before any work, that the file `flag` names can be written: a writable folder holds
 * it, and it is not a folder itself. */
export function checkOutputFile(flag: string, path: string): void {
  if (statOrNull(path)?.isDirectory() === true) {
    throw cannot(flag, path, 'that is a folder; expected a file name');
  }
  checkFolder(flag, path, dirname(resolve(path)));
}

/** Checks, before any work, that the folder `flag` names is one, or can be created: its nearest
 * existing ancestor is a writable folder. */
export function checkOutputFolder(flag: string, path: string): void {
  let existing = resolve(path);
  while (statOrNull(existing) === null && dirname(existing) !== existing) {
    existing = dirname(existing);
  }
  checkFolder(flag, path, existing);
}
