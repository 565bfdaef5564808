// Flush is how a teardown waits for buffered events to reach DataStorage; a Flush that ignores
// its context deadline turns an outage into a hung suite instead of a reported error.
import { lateCallViolations } from './call-deadline.ts';
import type { Property } from './property.ts';

/**
 * Every Flush returns by its context deadline plus `SCHEDULING_SLACK_MS`; a Flush without a
 * deadline returns at all. A Flush still running when the run ended before its deadline holds.
 */
export const flushBounded: Property = {
  id: 'flush-bounded',
  holdsWhen: 'every Flush returns by its context deadline; a Flush without deadline returns at all',
  check: (history) => lateCallViolations(history, 'flush', 'flush-bounded'),
};
