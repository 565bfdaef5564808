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
