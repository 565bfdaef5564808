// Flush and Close are bounded the same way: a call with a timeout must return by its deadline
// plus scheduling slack, and a call without one must return at all. Both properties share this
// check so that the two cannot drift apart.
import type { CallRecord, History } from '../model/history.ts';
import { SCHEDULING_SLACK_MS, type PropertyId, type Violation } from './property.ts';

/** The calls whose return can be late: the bounded teardown calls, not StoreAudit. */
export type BoundedCall = 'flush' | 'close';

const CALL_NAMES: Readonly<Record<BoundedCall, string>> = { flush: 'Flush', close: 'Close' };

/**
 * Violations of `property` by every `call` of the given kind that returned after its deadline
 * (`startMs + timeoutMs + SCHEDULING_SLACK_MS`), or that was still running at `history.endMs`
 * when that deadline had already passed. A call without a timeout is violated only when it
 * never returned. A run that ended before a call's deadline says nothing about that call,
 * unless it ended deadlocked or the call's process exited: then the call can never return.
 */
export function lateCallViolations(
  history: History,
  call: BoundedCall,
  property: PropertyId,
): Violation[] {
  const violations: Violation[] = [];

  for (const record of history.calls) {
    if (record.call !== call) continue;
    const late = lateness(record, CALL_NAMES[call], history);
    if (late === null) continue;
    violations.push({ property, process: record.process, ...late });
  }

  return violations;
}

/**
 * When and why `record` is late, or null when it is on time. `atMs` is the first moment the
 * lateness was observable: the deadline, or the end of the run for a call without a timeout.
 */
function lateness(
  record: CallRecord,
  name: string,
  history: History,
): { atMs: number; message: string } | null {
  // Most calls return in time: answer those before building any message.
  const { endMs, timeoutMs } = record;
  if (endMs !== null && (timeoutMs === null || endMs <= deadline(record, timeoutMs))) return null;

  const runEndMs = history.endMs;
  const what = `${name} of process ${record.process} started at ${record.startMs} ms`;

  const exit = history.exits.find((e) => e.process === record.process);
  if (record.endMs === null && exit !== undefined) {
    const message = `${what} never returned: its process exited at ${exit.atMs} ms`;
    const lateAtMs = record.timeoutMs === null ? exit.atMs : deadline(record, record.timeoutMs);
    return { atMs: Math.min(lateAtMs, exit.atMs), message };
  }

  if (record.endMs === null && history.deadlocked) {
    const message = `${what} never returns: the run deadlocked at ${runEndMs} ms`;
    const lateAtMs = record.timeoutMs === null ? runEndMs : deadline(record, record.timeoutMs);
    return { atMs: lateAtMs, message };
  }

  if (record.timeoutMs === null) {
    if (record.endMs !== null) return null;
    const message = `${what} has no timeout and never returned (run ended at ${runEndMs} ms)`;
    return { atMs: runEndMs, message };
  }

  const deadlineMs = deadline(record, record.timeoutMs);
  const withTimeout = `${what} with a ${record.timeoutMs} ms timeout`;
  if (record.endMs !== null) {
    if (record.endMs <= deadlineMs) return null;
    const pastTimeoutMs = record.endMs - record.startMs - record.timeoutMs;
    const message = `${withTimeout} returned at ${record.endMs} ms, ${pastTimeoutMs} ms past it`;
    return { atMs: deadlineMs, message };
  }

  if (runEndMs <= deadlineMs) return null;
  const message = `${withTimeout} had not returned when the run ended at ${runEndMs} ms`;
  return { atMs: deadlineMs, message };
}

/** The last moment a call may return: its timeout plus the scheduling slack after its start. */
function deadline(record: CallRecord, timeoutMs: number): number {
  return record.startMs + timeoutMs + SCHEDULING_SLACK_MS;
}
