// The triage that started this project began with ERROR lines in a teardown log. A teardown that
// is correct but noisy still costs an engineer an afternoon, so noise is a property of its own.
import type { LogLine } from '../model/history.ts';
import type { Property, Violation } from './property.ts';

/**
 * From the first teardown step of any process to the end of the run, no process logs at ERROR.
 * One violation per process that did, at its first such line, with the count and that line's
 * message. Holds when no teardown step ran.
 */
export const cleanTeardownLogs: Property = {
  id: 'clean-teardown-logs',
  holdsWhen: 'no ERROR log line between the first teardown step and the end',
  check(history) {
    if (history.teardownSteps.length === 0) return [];
    let teardownStartMs = Infinity;
    for (const step of history.teardownSteps)
      teardownStartMs = Math.min(teardownStartMs, step.startMs);

    const errorsByProcess = new Map<number, LogLine[]>();
    for (const line of history.logs) {
      if (line.level !== 'ERROR' || line.atMs < teardownStartMs) continue;
      const lines = errorsByProcess.get(line.process) ?? [];
      lines.push(line);
      errorsByProcess.set(line.process, lines);
    }

    const violations: Violation[] = [];
    for (const [process, lines] of [...errorsByProcess].sort(([a], [b]) => a - b)) {
      const first = earliest(lines);
      const count = lines.length === 1 ? '1 ERROR line' : `${lines.length} ERROR lines`;
      violations.push({
        property: 'clean-teardown-logs',
        atMs: first.atMs,
        process,
        message:
          `process ${process} logged ${count} after teardown began at ${teardownStartMs} ms; ` +
          `first at ${first.atMs} ms: ${first.message}`,
      });
    }
    return violations;
  },
};

/** The earliest line; the first of those logged at the same ms. `lines` is not empty. */
function earliest(lines: readonly LogLine[]): LogLine {
  return lines.reduce((first, line) => (line.atMs < first.atMs ? line : first));
}
