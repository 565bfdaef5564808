// Everything a log of failed audit writes tells about the store and DataStorage behind it: the
// batches and writers, attempts per batch, the backoff rule, when DataStorage went away and how.
// Pure: text in, inferences out; the CLI renders them.
import { AuditRaceError } from '../sim/errors.ts';
import {
  attemptDurationMs,
  delaySamples,
  fitBackoff,
  type DelaySample,
  type RuleFit,
} from './backoff.ts';
import { DATA_LOSS, groupBatches, isFailedWrite, type Grouping } from './batches.ts';
import { parseLog, type ParsedLog } from './log.ts';

/** How DataStorage answered, as the scenario's outage modes name it. */
export type FailureMode =
  'refuse' | 'hung' | 'status-5xx' | 'status-4xx' | 'status-401' | 'status-403';

export interface AttemptsPerBatch {
  /** Attempts per batch: exact when complete batches agree, else the most seen (a lower bound). */
  readonly value: number;
  readonly exact: boolean;
  readonly completeBatches: number;
}

export interface BackendAway {
  /** When the first failed attempt began (its log time less what it lasted): failing by then. */
  readonly atUtcMs: number;
  readonly resolutionMs: number;
  readonly mode: FailureMode;
  readonly error: string;
}

export interface LogFit {
  readonly log: ParsedLog;
  /** Failed-write lines and data-loss lines read. */
  readonly failedWrites: number;
  readonly dataLossLines: number;
  /** The coarsest resolution of the failed-write timestamps. */
  readonly resolutionMs: number;
  readonly grouping: Grouping;
  readonly attemptsPerBatch: AttemptsPerBatch;
  readonly samples: readonly DelaySample[];
  /** Every rule, the best first. */
  readonly rules: readonly RuleFit[];
  readonly backendAway: BackendAway;
}

/** The outage mode an attempt's error text points to. */
export function failureMode(error: string): FailureMode {
  if (/Client\.Timeout|awaiting headers|deadline exceeded/.test(error)) return 'hung';
  if (/\b401\b/.test(error)) return 'status-401';
  if (/\b403\b/.test(error)) return 'status-403';
  if (/\b4\d\d\b/.test(error) && /client error/.test(error)) return 'status-4xx';
  if (/\b5\d\d\b|server error/.test(error)) return 'status-5xx';
  return 'refuse';
}

function attemptsPerBatch(grouping: Grouping): AttemptsPerBatch {
  const complete = grouping.batches.filter((b) => b.complete);
  const counts = (complete.length > 0 ? complete : grouping.batches).map((b) => b.attempts.length);
  const tally = new Map<number, number>();
  for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
  const [value] = [...tally.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
  return {
    value,
    exact: complete.length > 0 && tally.size === 1,
    completeBatches: complete.length,
  };
}

/**
 * Reads a log and infers what it can. Throws a USAGE error naming the source when the log has no
 * failed-write line to learn from.
 */
export function fitLog(text: string, source: string): LogFit {
  const log = parseLog(text);
  const failed = log.records.filter(isFailedWrite);
  if (failed.length === 0) {
    const read = `${log.records.length} log records, ${log.skippedLines} other lines`;
    throw new AuditRaceError(
      'USAGE',
      `${source}: no "Failed to write audit batch" line with an "attempt" field (read ${read}). ` +
        'Expected lines like: 2026-01-04T17:44:20Z<TAB>ERROR<TAB>audit.audit-store<TAB>' +
        'Failed to write audit batch<TAB>{"attempt": 1, "batch_size": 2, "error": "..."}',
    );
  }
  const grouping = groupBatches(log.records);
  const samples = delaySamples(grouping.batches);
  const first = grouping.batches
    .map((b) => b.attempts[0]!)
    .sort((a, b) => a.record.atUtcMs - b.record.atUtcMs)[0]!;
  return {
    log,
    failedWrites: failed.length,
    dataLossLines: log.records.filter((r) => r.message.startsWith(DATA_LOSS)).length,
    resolutionMs: Math.max(...failed.map((r) => r.resolutionMs)),
    grouping,
    attemptsPerBatch: attemptsPerBatch(grouping),
    samples,
    rules: fitBackoff(samples),
    backendAway: {
      atUtcMs: first.record.atUtcMs - attemptDurationMs(first.error),
      resolutionMs: first.record.resolutionMs,
      mode: failureMode(first.error),
      error: first.error,
    },
  };
}
