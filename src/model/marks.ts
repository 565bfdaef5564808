// Coverage marks: named situations a run reached, counted in the History. A property that is
// never put in the situation it is about proves nothing; exploration reports how often each mark
// was reached, and the property suites assert that each one is. Marks observe; they never steer.
import type { History } from './history.ts';
import type { StoreKnobs } from './knobs.ts';
import type { TeardownStep } from './teardown.ts';

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

function steps(plan: readonly TeardownStep[]): TeardownStep['step'][] {
  return plan.flatMap((s) => (s.step === 'parallel' ? s.branches.flatMap(steps) : [s.step]));
}

/**
 * The marks no run can reach with this store and plan (a store without a closed check has no
 * gap between check and send): a zero there says nothing about the exploration.
 */
export function unreachableMarks(knobs: StoreKnobs, plan: readonly TeardownStep[]): MarkId[] {
  const used = new Set(steps(plan));
  const impossible: Record<MarkId, boolean> = {
    'close-during-write': !used.has('close'),
    'close-during-retry-sleep': !used.has('close') || knobs.maxAttempts <= 1,
    'stop-with-batch-pending': !used.has('stopDataStorage'),
    'flush-and-close-together': !used.has('flush') || !used.has('close'),
    'audit-between-check-and-send': !knobs.closedCheck || knobs.lockedEnqueue,
    'tick-and-close-ready': knobs.stopSignal !== 'close-channel' || !used.has('close'),
  };
  return MARK_IDS.filter((id) => impossible[id]);
}
