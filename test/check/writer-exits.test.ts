// Pins that a writer still running at the end of the run is reported as a leak.
import { describe, expect, it } from 'vitest';

import { writerExits } from '../../src/check/writer-exits.ts';
import { history, writer } from './build-history.ts';

describe('writer-exits', () => {
  it('holds when every writer exited, even in the last ms of the run', () => {
    const run = history({ writers: [writer(1_000), writer(9_000, { process: 2 })], endMs: 9_000 });

    expect(writerExits.check(run)).toEqual([]);
  });

  it('flags each writer still running at the end of the run', () => {
    const run = history({
      writers: [
        writer(null, { startedMs: 5 }),
        writer(800, { process: 2 }),
        writer(null, { process: 3 }),
      ],
      endMs: 9_000,
    });

    const violations = writerExits.check(run);

    expect(violations.map((v) => [v.process, v.atMs])).toEqual([
      [1, 9_000],
      [3, 9_000],
    ]);
    expect(violations[0]?.message).toBe(
      'the writer of process 1, started at 5 ms, was still running when the run ended at 9000 ms',
    );
  });
});
