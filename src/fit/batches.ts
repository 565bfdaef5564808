// From failed-write log records to batches and writers. Attempt numbers restart at 1 with each
// batch; the `process` field, when the log has it, tells the writers apart. Without it, a batch
// continues the open batch one attempt behind it, and batches that overlap in time need distinct
// writers (one writer retries one batch at a time), which gives the fewest writers that explain
// the log.
import type { LogRecord } from './log.ts';

export const FAILED_WRITE = 'Failed to write audit batch';
export const DATA_LOSS = 'AUDIT DATA LOSS';

export interface ObservedAttempt {
  readonly record: LogRecord;
  readonly attempt: number;
  readonly batchSize: number | null;
  readonly error: string;
}

export interface ObservedBatch {
  /** The writer's key: its `process` field, or `w1`, `w2`, ... when inferred. */
  readonly writer: string;
  readonly attempts: ObservedAttempt[];
  /** A data-loss line closed it. */
  dropped: boolean;
  /** Its last attempt is known to be its last: dropped, or its writer went on to a next batch. */
  complete: boolean;
}

export interface Grouping {
  readonly batches: readonly ObservedBatch[];
  readonly writers: readonly string[];
  readonly writersFrom: 'process-field' | 'overlap';
}

const numberField = (r: LogRecord, key: string): number | null =>
  typeof r.fields[key] === 'number' ? (r.fields[key] as number) : null;

export function isFailedWrite(r: LogRecord): boolean {
  return r.message.trim() === FAILED_WRITE && typeof r.fields.attempt === 'number';
}

function attemptOf(record: LogRecord): ObservedAttempt {
  const error = typeof record.fields.error === 'string' ? record.fields.error : '';
  return {
    record,
    attempt: numberField(record, 'attempt')!,
    batchSize: numberField(record, 'batch_size'),
    error,
  };
}

const lastOf = (b: ObservedBatch) => b.attempts.at(-1)!;

/** With `process` fields: each writer's attempts in order, a new batch at every attempt 1. */
function byProcess(records: readonly LogRecord[]): ObservedBatch[] {
  const open = new Map<string, ObservedBatch>();
  const batches: ObservedBatch[] = [];
  for (const r of records) {
    const writer = String(r.fields.process ?? 'unknown');
    const current = open.get(writer);
    if (r.message.startsWith(DATA_LOSS)) {
      if (current !== undefined) [current.dropped, current.complete] = [true, true];
      open.delete(writer);
      continue;
    }
    const attempt = attemptOf(r);
    if (current !== undefined && attempt.attempt > lastOf(current).attempt) {
      current.attempts.push(attempt);
      continue;
    }
    if (current !== undefined) current.complete = true;
    const batch = { writer, attempts: [attempt], dropped: false, complete: false };
    batches.push(batch);
    open.set(writer, batch);
  }
  return batches;
}

/** Without `process` fields: continue the open batch one attempt behind; oldest first. */
function byAttemptNumbers(records: readonly LogRecord[]): ObservedBatch[] {
  const batches: ObservedBatch[] = [];
  const open: ObservedBatch[] = [];
  for (const r of records) {
    if (r.message.startsWith(DATA_LOSS)) {
      const size = numberField(r, 'batch_size');
      const at = open.findIndex((b) => size === null || lastOf(b).batchSize === size);
      if (at !== -1) [open[at]!.dropped, open[at]!.complete] = [true, true];
      if (at !== -1) open.splice(at, 1);
      continue;
    }
    const attempt = attemptOf(r);
    const at = open.findIndex(
      (b) =>
        lastOf(b).attempt === attempt.attempt - 1 &&
        (attempt.batchSize === null || lastOf(b).batchSize === attempt.batchSize),
    );
    if (attempt.attempt > 1 && at !== -1) {
      open[at]!.attempts.push(attempt);
      continue;
    }
    const batch = { writer: '', attempts: [attempt], dropped: false, complete: false };
    batches.push(batch);
    open.push(batch);
  }
  return assignWriters(batches);
}

/** Each batch to the first writer free by its first attempt; a new writer when none is. */
function assignWriters(batches: ObservedBatch[]): ObservedBatch[] {
  const freeAt: number[] = [];
  const lastBatch: ObservedBatch[] = [];
  return batches.map((b) => {
    const start = b.attempts[0]!.record.atUtcMs;
    let w = freeAt.findIndex((t) => t <= start);
    if (w === -1) w = freeAt.push(0) - 1;
    freeAt[w] = lastOf(b).record.atUtcMs;
    const previous = lastBatch[w];
    if (previous !== undefined) previous.complete = true;
    const assigned = { ...b, writer: `w${w + 1}` };
    lastBatch[w] = assigned;
    return assigned;
  });
}

/** Groups the failed writes (and data-loss lines) of a log into batches per writer. */
export function groupBatches(records: readonly LogRecord[]): Grouping {
  const relevant = records.filter((r) => isFailedWrite(r) || r.message.startsWith(DATA_LOSS));
  const withProcess = relevant.some((r) => r.fields.process !== undefined);
  const batches = withProcess ? byProcess(relevant) : byAttemptNumbers(relevant);
  const writers = [...new Set(batches.map((b) => b.writer))];
  return { batches, writers, writersFrom: withProcess ? 'process-field' : 'overlap' };
}
