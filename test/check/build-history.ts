// Hand-built histories for the property tests: each helper fills the fields a test does not care
// about, so a test spells out only the facts its property looks at.
import type {
  CallRecord,
  History,
  LogLine,
  PanicRecord,
  TeardownStepRecord,
  WriteAttempt,
  WriterRecord,
} from '../../src/model/history.ts';

/** The parts of a History a test sets; `persisted` may be any list of event ids. */
export type HistoryParts = Partial<Omit<History, 'persisted'>> & {
  readonly persisted?: Iterable<number>;
};

/** Default end of a hand-built run, in virtual ms. */
export const RUN_END_MS = 60_000;

/**
 * A History of the given parts; everything else is empty, DataStorage never stopped and the run
 * ending at `RUN_END_MS`. Calls are numbered 1, 2, ... in the order given.
 */
export function history(parts: HistoryParts = {}): History {
  return {
    startUtcMs: 0,
    attempts: [],
    logs: [],
    panics: [],
    writers: [],
    teardownSteps: [],
    exits: [],
    backendStoppedAtMs: null,
    endMs: RUN_END_MS,
    budget: null,
    deadlocked: false,
    recorded: 0,
    marks: new Map(),
    ...parts,
    calls: (parts.calls ?? []).map((record, index) => ({ ...record, id: index + 1 })),
    persisted: new Set(parts.persisted ?? []),
  };
}

/** A call of process 1 at 0 ms that returned nil at once, without timeout or event. */
export function call(kind: CallRecord['call'], fields: Partial<CallRecord> = {}): CallRecord {
  const startMs = fields.startMs ?? 0;
  return {
    id: 0,
    process: 1,
    call: kind,
    startMs,
    endMs: startMs,
    outcome: 'ok',
    error: null,
    timeoutMs: null,
    eventId: null,
    errorIgnored: false,
    ...fields,
  };
}

/** A StoreAudit of `eventId` at `startMs` that returned nil (the store accepted the event). */
export function accepted(eventId: number, startMs: number, process = 1): CallRecord {
  return call('storeAudit', { eventId, startMs, process });
}

/** A Flush or Close that returned `error` at `endMs`, which the caller did not ignore. */
export function failed(
  kind: 'flush' | 'close',
  endMs: number,
  fields: Partial<CallRecord> = {},
): CallRecord {
  return call(kind, {
    startMs: endMs,
    endMs,
    outcome: 'failed',
    error: 'connection refused',
    ...fields,
  });
}

/** Attempt 1 of batch 1 of process 1 at 0 ms, answered ok 10 ms later, carrying no events. */
export function attempt(fields: Partial<WriteAttempt> = {}): WriteAttempt {
  const startMs = fields.startMs ?? 0;
  return {
    process: 1,
    batchId: 1,
    attempt: 1,
    startMs,
    endMs: startMs + 10,
    result: 'ok',
    eventIds: [],
    ...fields,
  };
}

/** An ERROR line of process 1 at `atMs` from the audit store's logger. */
export function log(atMs: number, message: string, fields: Partial<LogLine> = {}): LogLine {
  return {
    atMs,
    process: 1,
    level: 'ERROR',
    logger: 'audit-store',
    message,
    fields: {},
    ...fields,
  };
}

/** A panic of process 1's writer goroutine at `atMs`. */
export function panicAt(atMs: number, fields: Partial<PanicRecord> = {}): PanicRecord {
  return { atMs, process: 1, goroutine: 'writer', message: 'send on closed channel', ...fields };
}

/** A writer of process 1 started at 0 ms that exited at `exitedMs` (null: never). */
export function writer(exitedMs: number | null, fields: Partial<WriterRecord> = {}): WriterRecord {
  return { process: 1, startedMs: 0, exitedMs, ...fields };
}

/** A teardown step of process 1 that started at `startMs` and took 10 ms. */
export function step(
  name: string,
  startMs: number,
  fields: Partial<TeardownStepRecord> = {},
): TeardownStepRecord {
  return { process: 1, step: name, startMs, endMs: startMs + 10, ...fields };
}
