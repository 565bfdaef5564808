// Once Close has returned, the caller believes the store is done; a writer that still posts
// batches afterwards races the rest of the teardown (stopping DataStorage, exiting the process).
import type { History } from '../model/history.ts';
import type { Property, Violation } from './property.ts';

/**
 * One violation per write attempt of a process that starts strictly after the earliest Close of
 * that process returned. A Close that never returned does not count.
 */
export const noWriteAfterClose: Property = {
  id: 'no-write-after-close',
  holdsWhen: "no write attempt starts after that store's Close returned",
  check(history) {
    const closedAtMs = earliestReturnedCloseMs(history);

    const violations: Violation[] = [];
    for (const attempt of history.attempts) {
      const closeEndMs = closedAtMs.get(attempt.process);
      if (closeEndMs === undefined || attempt.startMs <= closeEndMs) continue;
      violations.push({
        property: 'no-write-after-close',
        atMs: attempt.startMs,
        process: attempt.process,
        message:
          `process ${attempt.process} sent attempt ${attempt.attempt} of batch ` +
          `${attempt.batchId} at ${attempt.startMs} ms, after its Close returned at ` +
          `${closeEndMs} ms`,
      });
    }
    return violations;
  },
};

/** Per process, the end time in ms of its earliest-returning Close. */
function earliestReturnedCloseMs(history: History): Map<number, number> {
  const closedAtMs = new Map<number, number>();
  for (const call of history.calls) {
    if (call.call !== 'close' || call.endMs === null) continue;
    const known = closedAtMs.get(call.process);
    if (known === undefined || call.endMs < known) closedAtMs.set(call.process, call.endMs);
  }
  return closedAtMs;
}
