// Whether every teardown call and goroutine of a fix comes to an end: Close and Flush within
// their timeouts, every writer exited, no run out of its step or virtual-time budget.
import { describe } from 'vitest';
import { describeFamily } from './harness.ts';

const EVERY_FIX_HOLDS = {
  baseline: 'holds',
  A: 'holds',
  B: 'holds',
  C: 'holds',
  D: 'holds',
  E: 'holds',
  'A+E': 'holds',
  'cancel-first+A+E': 'holds',
} as const;

describe('liveness properties of the seed scenario', () => {
  describeFamily(['close-bounded', 'flush-bounded', 'writer-exits', 'livelock'], {
    // Close waits for the writer in a select with its own 30 s timer, in every profile and plan
    'close-bounded': EVERY_FIX_HOLDS,
    // Flush waits in selects that include its context's done channel (10 s deadline in A, A+E)
    'flush-bounded': EVERY_FIX_HOLDS,
    // every plan Closes every store; a closed channel ends the writer, and Close waits for it
    'writer-exits': EVERY_FIX_HOLDS,
    // the 2026-01-04 Flush does not drain, the only loop that spins on a closed channel
    livelock: EVERY_FIX_HOLDS,
  });
});
