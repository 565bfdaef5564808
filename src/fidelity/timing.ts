// Predicted against observed: the core's write attempts beside those a real-socket run made,
// matched by process, batch and attempt number, with how far apart in time each pair is.
import type { History, LogLine, WriteAttempt } from '../model/history.ts';
import { orderedAttempts } from './compare.ts';

/** One write attempt as predicted and as observed; either side may be missing. */
export interface AttemptPair {
  readonly predicted: WriteAttempt | null;
  readonly observed: WriteAttempt | null;
  /** The error the observed attempt logged (a real ECONNREFUSED, say); null when none. */
  readonly observedError: string | null;
  /** Observed start minus predicted start, in scenario ms; null when a side is missing. */
  readonly deltaMs: number | null;
}

export interface TimingComparison {
  readonly pairs: readonly AttemptPair[];
  /** The pair whose start times differ most; null when no attempt was on both sides. */
  readonly largest: AttemptPair | null;
  /** Whether every attempt is on both sides, with the same batch size and result. */
  readonly agree: boolean;
}

const key = (a: WriteAttempt) => `${a.process}/${a.batchId}/${a.attempt}`;

export function compareTiming(predicted: History, observed: History): TimingComparison {
  const observedByKey = new Map(observed.attempts.map((a) => [key(a), a]));
  const errors = failureLines(observed);
  const errorOf = (a: WriteAttempt | null) => (a === null ? null : (errors.get(a) ?? null));
  const pairs: AttemptPair[] = [];
  for (const p of orderedAttempts(predicted)) {
    const o = observedByKey.get(key(p)) ?? null;
    observedByKey.delete(key(p));
    const deltaMs = o === null ? null : o.startMs - p.startMs;
    pairs.push({ predicted: p, observed: o, observedError: errorOf(o), deltaMs });
  }
  for (const o of orderedAttempts(observed)) {
    if (!observedByKey.has(key(o))) continue;
    pairs.push({
      predicted: null,
      observed: o,
      observedError: errorOf(o),
      deltaMs: null,
    });
  }

  let largest: AttemptPair | null = null;
  for (const pair of pairs) {
    if (pair.deltaMs === null) continue;
    if (largest === null || Math.abs(pair.deltaMs) > Math.abs(largest.deltaMs!)) largest = pair;
  }
  const agree = pairs.every(
    ({ predicted: p, observed: o }) =>
      p !== null && o !== null && p.result === o.result && p.eventIds.length === o.eventIds.length,
  );
  return { pairs, largest, agree };
}

/**
 * The "Failed to write audit batch" line each failed attempt of `history` logged: the first line
 * of its process with its attempt number at or after its start that no earlier attempt took.
 */
function failureLines(history: History): Map<WriteAttempt, string> {
  const lines = history.logs.filter((l) => l.message === 'Failed to write audit batch');
  const taken = new Set<LogLine>();
  const errors = new Map<WriteAttempt, string>();
  for (const attempt of orderedAttempts(history)) {
    if (attempt.result === 'ok' || attempt.result === 'in-flight') continue;
    const line = lines.find(
      (l) =>
        !taken.has(l) &&
        l.process === attempt.process &&
        l.fields['attempt'] === attempt.attempt &&
        l.atMs >= attempt.startMs,
    );
    if (line === undefined) continue;
    taken.add(line);
    const error = line.fields['error'];
    if (typeof error === 'string') errors.set(attempt, error);
  }
  return errors;
}
