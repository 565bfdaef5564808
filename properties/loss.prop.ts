// Whether a fix lets an accepted audit event disappear without any error reaching the caller,
// across the explored variations of the seed's CI run: the failure a green CI run can hide.
import { describe } from 'vitest';
import { describeFamily } from './harness.ts';

// Shared reason for the fixes that hold: every dropped batch counts as failed before the writer
// exits, Close waits for the writer and then returns "closed with N failed batches", and an event
// sent after Close is never accepted (the send on the closed channel panics).
describe('loss properties of the seed scenario', () => {
  describeFamily(['no-silent-loss'], {
    'no-silent-loss': {
      // baseline: process 4's dropped batches come back as Close's "closed with N failed batches"
      baseline: 'holds',
      // A: Flush replies nil even when its write gave up, but the later Close still reports it
      A: 'holds',
      // B: Close's error is the only report of process 4's dropped batches, and B discards it
      B: 'violated',
      // C: a fail-fast drop still counts a failed batch, which Close reports
      C: 'holds',
      // D: the sleep after Close changes nothing Close reports
      D: 'holds',
      // E: DataStorage is up for every write (stopped after all stores closed): nothing is lost
      E: 'holds',
      // A+E: E's reason
      'A+E': 'holds',
      // cancel-first+A+E: E's reason
      'cancel-first+A+E': 'holds',
    },
  });
});
