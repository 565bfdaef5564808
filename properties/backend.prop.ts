// Whether a fix keeps write attempts away from a DataStorage that was stopped, and away from a
// store whose Close already returned, across the explored variations of the seed's CI run.
import { describe } from 'vitest';
import { describeFamily } from './harness.ts';

// Shared reasons: process 4 runs specs until ~37 s and emits events at ~24.6 s (+/- 1.5 s), while
// processes 1-3 end at ~8.5 s and stop DataStorage by ~12.6 s at the latest (stopEnv <= 2.5 s).
// A refused batch gives up ~5 s after its first attempt (attempts at 0, 1 and 5 s), far inside
// the 30 s Close waits for the writer, and this scenario's DataStorage never hangs.
describe('backend properties of the seed scenario', () => {
  describeFamily(['no-write-after-stop', 'no-write-after-close'], {
    'no-write-after-stop': {
      // baseline: process 4 still runs specs when process 1-3's AfterSuite stops the shared DS
      baseline: 'violated',
      // A: Flush writes only the caller's own batch; process 4's later events still meet the stop
      A: 'violated',
      // B: ignoring Close's error changes no timing, so process 4 writes after the stop as before
      B: 'violated',
      // C: fail-fast applies once a store is closed; process 4's open store still tries once
      C: 'violated',
      // D: 2 s after Close delays the stop to <= ~14.6 s, before process 4's events at ~23 s
      D: 'violated',
      // E: DS stops after every Close returned, and Close waits for the writer's last attempt
      E: 'holds',
      // A+E: E's reason; the Flush only moves writes earlier
      'A+E': 'holds',
      // cancel-first+A+E: E's reason; cancelling first only removes events
      'cancel-first+A+E': 'holds',
    },
    'no-write-after-close': {
      // baseline: Close returns only once the writer exited (never on its 30 s timeout here)
      baseline: 'holds',
      // A: the baseline's reason; Flush runs before Close
      A: 'holds',
      // B: the baseline's reason; ignoring the error does not change when Close returns
      B: 'holds',
      // C: fail-fast shortens a closed store's batches; the writer still exits before Close returns
      C: 'holds',
      // D: the baseline's reason; the sleep comes after Close returned
      D: 'holds',
      // E: the baseline's reason, with DataStorage up for every attempt
      E: 'holds',
      // A+E: the baseline's reason
      'A+E': 'holds',
      // cancel-first+A+E: the baseline's reason
      'cancel-first+A+E': 'holds',
    },
  });
});
