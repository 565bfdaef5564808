// The history of one run: everything the models observed, in virtual milliseconds. Models only
// append to it; the properties in src/check read it and nothing else, so a property can be tested
// on a hand-built history without running a simulation.

/** The id of Go's nil event, which a receive on a closed channel yields: it can be sent in a
 * batch but is never an event anyone accepted, so it never counts as persisted. */
export const NIL_EVENT = -1;

/** How one call (StoreAudit, Flush, Close) or one write attempt ended. */
export type Outcome = 'ok' | 'failed' | 'unknown';

/** A call the suite or a producer made on a store. `endMs` is null when it never returned. */
export interface CallRecord {
  readonly id: number;
  readonly process: number;
  readonly call: 'storeAudit' | 'flush' | 'close';
  readonly startMs: number;
  endMs: number | null;
  outcome: Outcome;
  /** The error text the call returned, when it returned one. */
  error: string | null;
  /** Flush: its context deadline in ms after `startMs`; Close: the store's close timeout. */
  readonly timeoutMs: number | null;
  /** StoreAudit only: the event the call carried. */
  readonly eventId: number | null;
  /** True when the caller discarded the returned error (a teardown with `ignoreCloseError`). */
  errorIgnored: boolean;
}

/** How DataStorage answered one POST of a batch, as the client saw it. */
export type AttemptResult =
  | 'ok'
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'cancelled'
  | 'deadline'
  | 'status-5xx'
  | 'status-4xx'
  | 'status-401'
  | 'status-403'
  | 'in-flight';

/** One HTTP POST of a batch to DataStorage. */
export interface WriteAttempt {
  readonly process: number;
  readonly batchId: number;
  /** 1-based attempt number within the batch. */
  readonly attempt: number;
  readonly startMs: number;
  endMs: number | null;
  result: AttemptResult;
  readonly eventIds: readonly number[];
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** One line of the suite's log, in the shape of the CI logs (zap's console encoder). */
export interface LogLine {
  readonly atMs: number;
  /** Order of recording among log lines, teardown steps and panics (History.recorded). */
  readonly seq?: number;
  readonly process: number;
  readonly level: LogLevel;
  readonly logger: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

export interface PanicRecord {
  readonly atMs: number;
  readonly seq?: number;
  readonly process: number;
  readonly goroutine: string;
  readonly message: string;
}

export interface WriterRecord {
  readonly process: number;
  readonly startedMs: number;
  /** When the writer goroutine returned; null when it was still running at the end. */
  exitedMs: number | null;
}

export interface TeardownStepRecord {
  readonly seq?: number;
  readonly process: number;
  readonly step: string;
  readonly startMs: number;
  endMs: number | null;
}

/** A run that ran out of a budget; its other verdicts are still computed on what happened. */
export interface BudgetExceeded {
  readonly kind: 'steps' | 'virtual-time';
  readonly limit: number;
  readonly atMs: number;
  /** Names of the goroutines that were still runnable or sleeping when the budget ran out. */
  readonly goroutines: readonly string[];
}

export interface History {
  /** UTC epoch milliseconds of virtual time 0, for printing timestamps. */
  readonly startUtcMs: number;
  readonly calls: CallRecord[];
  readonly attempts: WriteAttempt[];
  readonly logs: LogLine[];
  readonly panics: PanicRecord[];
  readonly writers: WriterRecord[];
  readonly teardownSteps: TeardownStepRecord[];
  /** When each process exited; a call of it still pending then never returns. */
  readonly exits: { readonly process: number; readonly atMs: number }[];
  /** Every event id DataStorage persisted. */
  readonly persisted: Set<number>;
  /** First moment any process started stopping DataStorage; null when it was never stopped. */
  backendStoppedAtMs: number | null;
  /** Virtual time at which the run ended (every process exited, or a budget ran out). */
  endMs: number;
  budget: BudgetExceeded | null;
  /** True when the run stopped because nothing could happen any more while a process had not
   * exited: every goroutine still blocked is blocked for good, so its call never returns. */
  deadlocked: boolean;
  /** Lines recorded so far: the next log line, teardown step or panic gets this as its `seq`,
   * so a timeline can show what happened at the same millisecond in the order it happened. */
  recorded: number;
  /** How many times each coverage mark (src/model/marks.ts) was reached. */
  readonly marks: Map<string, number>;
}

export function emptyHistory(startUtcMs: number): History {
  return {
    startUtcMs,
    calls: [],
    attempts: [],
    logs: [],
    panics: [],
    writers: [],
    teardownSteps: [],
    exits: [],
    persisted: new Set(),
    backendStoppedAtMs: null,
    endMs: 0,
    budget: null,
    deadlocked: false,
    recorded: 0,
    marks: new Map(),
  };
}
