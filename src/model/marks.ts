// Coverage marks: named situations a run reached, counted in the History. A property that is
// never put in the situation it is about proves nothing; exploration reports how often each mark
// was reached, and the property suites assert that each one is. Marks observe; they never steer.
import type { History } from './history.ts';

export const MARKS = {
  'close-during-write': 'Close began while a write attempt of that store was in flight',
  'close-during-retry-sleep': 'Close began while the writer slept between two attempts',
  'stop-with-batch-pending': 'DataStorage was stopped while a store still held unwritten events',
  'flush-and-close-together': 'Close began while a Flush of the same store was in flight',
  'audit-between-check-and-send':
    "Close set the closed flag between a StoreAudit's closed check and its send",
  'tick-and-close-ready': "the writer's select had a tick and the closed channel ready at once",
} as const;

export type MarkId = keyof typeof MARKS;

export const MARK_IDS = Object.keys(MARKS) as MarkId[];

export function mark(history: History, id: MarkId): void {
  history.marks.set(id, (history.marks.get(id) ?? 0) + 1);
}
