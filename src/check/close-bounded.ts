// Close is the last call a teardown makes on a store; if it outlives its own timeout the suite's
// AfterSuite hangs, or gives up while the writer is still shipping batches.
import { lateCallViolations } from './call-deadline.ts';
import type { Property } from './property.ts';

/**
 * Every Close returns within the store's close timeout plus `SCHEDULING_SLACK_MS`. A Close still
 * running at the end of the run is violated once that bound has passed; a Close without a
 * timeout is violated only when it never returned.
 */
export const closeBounded: Property = {
  id: 'close-bounded',
  holdsWhen: 'every Close returns within its timeout (+ scheduling slack)',
  check: (history) => lateCallViolations(history, 'close', 'close-bounded'),
};
