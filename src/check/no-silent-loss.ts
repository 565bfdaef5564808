// The property the whole harness exists for: an event StoreAudit accepted must either reach
// DataStorage or its loss must come back to the caller as an error. Losing it silently is the
// failure a green CI run can hide.
import type { CallRecord, History } from '../model/history.ts';
import type { Property, Violation } from './property.ts';

/** How many lost event ids one violation names before it only gives the count. */
export const LISTED_EVENT_IDS = 5;

/**
 * An event is accepted when a StoreAudit call carrying it returned nil (outcome `ok`). An
 * accepted event that was never persisted is reported when a Flush or Close of the same process
 * that ended at or after that StoreAudit started returned an error the caller did not ignore.
 * One violation per process with unreported lost events, at `history.endMs`.
 */
export const noSilentLoss: Property = {
  id: 'no-silent-loss',
  holdsWhen:
    'every event StoreAudit accepted (returned nil) was persisted, or its loss was reported to ' +
    'the caller (an error from StoreAudit, Flush or Close)',
  check(history) {
    const silentlyLost = silentlyLostByProcess(history);

    const violations: Violation[] = [];
    for (const [process, eventIds] of [...silentlyLost].sort(([a], [b]) => a - b)) {
      violations.push({
        property: 'no-silent-loss',
        atMs: history.endMs,
        process,
        message: silentLossMessage(process, eventIds),
      });
    }
    return violations;
  },
};

/** Per process, the ids of accepted events that were neither persisted nor reported. */
function silentlyLostByProcess(history: History): Map<number, Set<number>> {
  const reports = history.calls.filter(isReportedError);

  const lost = new Map<number, Set<number>>();
  for (const call of history.calls) {
    if (call.call !== 'storeAudit' || call.outcome !== 'ok' || call.eventId === null) continue;
    if (history.persisted.has(call.eventId)) continue;
    if (reports.some((report) => reportsLossOf(report, call))) continue;

    const eventIds = lost.get(call.process) ?? new Set<number>();
    eventIds.add(call.eventId);
    lost.set(call.process, eventIds);
  }
  return lost;
}

/** A Flush or Close that returned an error the caller looked at. */
function isReportedError(call: CallRecord): boolean {
  return (
    (call.call === 'flush' || call.call === 'close') &&
    call.outcome === 'failed' &&
    call.error !== null &&
    !call.errorIgnored
  );
}

/** Whether the error `report` returned can stand for the loss of the event `storeAudit` carried. */
function reportsLossOf(report: CallRecord, storeAudit: CallRecord): boolean {
  return (
    report.process === storeAudit.process &&
    report.endMs !== null &&
    report.endMs >= storeAudit.startMs
  );
}

function silentLossMessage(process: number, eventIds: Set<number>): string {
  const sorted = [...eventIds].sort((a, b) => a - b);
  const listed = sorted.slice(0, LISTED_EVENT_IDS).join(', ');
  const more =
    sorted.length > LISTED_EVENT_IDS ? `, and ${sorted.length - LISTED_EVENT_IDS} more` : '';
  const events = sorted.length === 1 ? 'event' : 'events';
  return (
    `process ${process} lost ${sorted.length} accepted ${events}: never persisted, and no ` +
    `Flush or Close error reported the loss (ids ${listed}${more})`
  );
}
