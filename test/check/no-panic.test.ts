// Pins that every recorded panic surfaces as its own violation.
import { describe, expect, it } from 'vitest';

import { noPanic } from '../../src/check/no-panic.ts';
import { history, panicAt } from './build-history.ts';

describe('no-panic', () => {
  it('holds when no goroutine panicked', () => {
    expect(noPanic.check(history())).toEqual([]);
  });

  it('flags each panic at the moment it happened, naming the goroutine and the cause', () => {
    const run = history({
      panics: [
        panicAt(1_200, { process: 2, goroutine: 'writer', message: 'send on closed channel' }),
        panicAt(1_300, { process: 4, goroutine: 'close', message: 'close of closed channel' }),
      ],
    });

    expect(noPanic.check(run)).toEqual([
      {
        property: 'no-panic',
        atMs: 1_200,
        process: 2,
        message: 'goroutine writer of process 2 panicked at 1200 ms: send on closed channel',
      },
      {
        property: 'no-panic',
        atMs: 1_300,
        process: 4,
        message: 'goroutine close of process 4 panicked at 1300 ms: close of closed channel',
      },
    ]);
  });
});
