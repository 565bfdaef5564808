// One error class for everything audit-race reports on purpose, with a stable code that the CLI
// maps to an exit code and that tests can match without parsing messages.

export type ErrorCode =
  | 'SCENARIO_INVALID'
  | 'SCENARIO_UNREADABLE'
  | 'USAGE'
  | 'NOT_MODELLED'
  | 'REPLAY_INVALID'
  | 'INTERNAL';

export class AuditRaceError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditRaceError';
    this.code = code;
  }
}

/**
 * A Go run-time panic raised inside a goroutine (send on a closed channel, close twice, ...).
 * Not an Error: panics are ordinary outcomes of a run, and capturing a JavaScript stack for each
 * would cost more than the rest of the run.
 */
export class GoPanic {
  constructor(readonly message: string) {}
}

/**
 * Why a file could not be read or written, in words, from the Node error's code: the one place
 * the CLI puts file-system errors into words. `op` tells what ENOENT means (a missing file when
 * reading, a missing folder when writing); `expected` is what a folder was given instead of, as
 * in "it is a folder, expected a file name". Rarer codes are given as they are.
 */
export function fileErrorReason(error: unknown, op: 'read' | 'write', expected: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return op === 'read' ? 'no such file' : 'no such folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return `it is a folder, expected ${expected}`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return code ?? String(error);
  }
}
