// The symptom the suite's logs show as `connection refused`: the writer posts a batch after
// DataStorage was stopped, so the batch is retried, dropped and logged as an error.
import type { Property, Violation } from './property.ts';

/**
 * One violation per write attempt that starts at or after `history.backendStoppedAtMs`. Holds
 * when DataStorage was never stopped.
 */
export const noWriteAfterStop: Property = {
  id: 'no-write-after-stop',
  holdsWhen: 'no write attempt reaches DataStorage after it was stopped',
  check(history) {
    const stoppedAtMs = history.backendStoppedAtMs;
    if (stoppedAtMs === null) return [];

    const violations: Violation[] = [];
    for (const attempt of history.attempts) {
      if (attempt.startMs < stoppedAtMs) continue;
      violations.push({
        property: 'no-write-after-stop',
        atMs: attempt.startMs,
        process: attempt.process,
        message:
          `process ${attempt.process} sent attempt ${attempt.attempt} of batch ` +
          `${attempt.batchId} at ${attempt.startMs} ms, after DataStorage was stopped at ` +
          `${stoppedAtMs} ms`,
      });
    }
    return violations;
  },
};
