// Whether a fix keeps the suite's processes from panicking and its teardown logs free of ERROR
// lines, across the explored variations of the seed's CI run.
import { describe } from 'vitest';
import { describeFamily } from './harness.ts';

// Shared reasons. Panic: the plans Close before they cancel the manager, in-flight reconciles may
// still emit after the cancel, and the 2026-01-04 StoreAudit sends without a closed check; a send
// on a closed channel panics. Logs: the store logs ERROR for each failed attempt and dropped batch.
describe('safety properties of the seed scenario', () => {
  describeFamily(['no-panic', 'clean-teardown-logs'], {
    'no-panic': {
      // baseline: Close -> cancelManager, so a reconcile at the spec end sends on a closed channel
      baseline: 'violated',
      // A: the Flush before Close does not move Close after the manager's cancel
      A: 'violated',
      // B: ignoring Close's error does not change when the channel closes
      B: 'violated',
      // C: fail-fast changes retries, not StoreAudit's send on the closed channel
      C: 'violated',
      // D: the 2 s sleep after Close leaves a late reconcile even more room
      D: 'violated',
      // E: only the DataStorage stop moves; Close still precedes the manager's cancel
      E: 'violated',
      // A+E: neither the Flush nor the synchronized stop move Close after the cancel
      'A+E': 'violated',
      // cancel-first+A+E: cancel, then 2 s (the drain is <= 1.5 s here) before Flush and Close
      'cancel-first+A+E': 'holds',
    },
    'clean-teardown-logs': {
      // baseline: process 4's attempts after the stop log "Failed to write audit batch"
      baseline: 'violated',
      // A: Flush empties only the caller's store; process 4's attempts after the stop still log
      A: 'violated',
      // B: ignoring Close's error silences no attempt's ERROR line
      B: 'violated',
      // C: process 4's store is still open when its first attempt is refused, so it logs
      C: 'violated',
      // D: process 4's events at ~23-26 s still meet the stop of ~14.6 s at the latest
      D: 'violated',
      // E: DataStorage is up until every store closed, so no attempt fails
      E: 'holds',
      // A+E: E's reason
      'A+E': 'holds',
      // cancel-first+A+E: E's reason
      'cancel-first+A+E': 'holds',
    },
  });
});
