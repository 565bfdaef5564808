// The races the properties are about, as predicates on a run's History, so a coverage suite can
// count how often the generators reach each one. A property that holds only because the
// generators never reach its race proves nothing; these counts make that visible.
import type { CallRecord, History, WriteAttempt } from '../src/model/history.ts';

export interface Situation {
  readonly id: string;
  readonly description: string;
  reached(history: History): boolean;
}

const calls = (history: History, kind: CallRecord['call']) =>
  history.calls.filter((c) => c.call === kind);

/** The process whose teardown stopped DataStorage first (its earliest stopDataStorage step). */
function stopper(history: History): number | undefined {
  const stops = history.teardownSteps.filter((s) => s.step === 'stopDataStorage');
  return stops.reduce<(typeof stops)[number] | undefined>(
    (first, s) => (first === undefined || s.startMs < first.startMs ? s : first),
    undefined,
  )?.process;
}

/** Event ids an attempt had delivered (answered ok) by `atMs`. */
function deliveredBy(history: History, atMs: number): Set<number> {
  const delivered = new Set<number>();
  for (const a of history.attempts) {
    if (a.result === 'ok' && a.endMs !== null && a.endMs <= atMs) {
      for (const id of a.eventIds) delivered.add(id);
    }
  }
  return delivered;
}

const inFlightAt = (a: WriteAttempt, atMs: number) =>
  a.startMs < atMs && (a.endMs === null || a.endMs > atMs);

export const STOP_WITH_UNWRITTEN_BATCH: Situation = {
  id: 'stop-with-unwritten-batch',
  description: "DataStorage stopped while another process's store held an unwritten event",
  reached(history) {
    const stopMs = history.backendStoppedAtMs;
    if (stopMs === null) return false;
    const by = stopper(history);
    const delivered = deliveredBy(history, stopMs);
    return calls(history, 'storeAudit').some(
      (c) =>
        c.process !== by &&
        c.outcome === 'ok' &&
        c.endMs !== null &&
        c.endMs <= stopMs &&
        c.eventId !== null &&
        !delivered.has(c.eventId),
    );
  },
};

export const LATE_STORE_AUDIT: Situation = {
  id: 'late-store-audit',
  description: "a StoreAudit after its store's Close began (a late reconcile)",
  reached(history) {
    const closes = calls(history, 'close');
    // Call ids follow the order in which calls began, also within one virtual millisecond.
    return calls(history, 'storeAudit').some((s) =>
      closes.some((c) => c.process === s.process && c.id < s.id),
    );
  },
};

export const FLUSH_ACROSS_STOP: Situation = {
  id: 'flush-across-stop',
  description: 'a Flush in flight when DataStorage was stopped',
  reached(history) {
    const stopMs = history.backendStoppedAtMs;
    if (stopMs === null) return false;
    return calls(history, 'flush').some(
      (f) => f.startMs <= stopMs && (f.endMs === null || f.endMs > stopMs),
    );
  },
};

export const CLOSE_DURING_ATTEMPT: Situation = {
  id: 'close-during-attempt',
  description: "Close began while one of its store's write attempts was in flight",
  reached(history) {
    return calls(history, 'close').some((c) =>
      history.attempts.some((a) => a.process === c.process && inFlightAt(a, c.startMs)),
    );
  },
};

export const CLOSE_DURING_RETRIES: Situation = {
  id: 'close-during-retries',
  description:
    "Close began while its store's writer was still writing a batch (attempt or backoff)",
  reached(history) {
    const spans = new Map<string, { process: number; fromMs: number; toMs: number }>();
    for (const a of history.attempts) {
      const key = `${a.process}/${a.batchId}`;
      const toMs = a.endMs ?? Number.POSITIVE_INFINITY;
      const span = spans.get(key);
      if (span === undefined) spans.set(key, { process: a.process, fromMs: a.startMs, toMs });
      else span.toMs = Math.max(span.toMs, toMs);
    }
    return calls(history, 'close').some((c) =>
      [...spans.values()].some(
        (s) => s.process === c.process && s.fromMs < c.startMs && s.toMs > c.startMs,
      ),
    );
  },
};

export const SITUATIONS: readonly Situation[] = [
  STOP_WITH_UNWRITTEN_BATCH,
  LATE_STORE_AUDIT,
  FLUSH_ACROSS_STOP,
  CLOSE_DURING_ATTEMPT,
  CLOSE_DURING_RETRIES,
];
