// Pins which write attempts count as reaching a stopped DataStorage, including the ms of the stop.
import { describe, expect, it } from 'vitest';

import { noWriteAfterStop } from '../../src/check/no-write-after-stop.ts';
import { attempt, history } from './build-history.ts';

describe('no-write-after-stop', () => {
  it('holds when DataStorage was never stopped, however late the attempts', () => {
    const run = history({ attempts: [attempt({ startMs: 59_000 })], backendStoppedAtMs: null });

    expect(noWriteAfterStop.check(run)).toEqual([]);
  });

  it('holds when every attempt starts before DataStorage was stopped', () => {
    const run = history({
      attempts: [attempt({ startMs: 100 }), attempt({ startMs: 4_999, endMs: 5_200 })],
      backendStoppedAtMs: 5_000,
    });

    expect(noWriteAfterStop.check(run)).toEqual([]);
  });

  it('flags an attempt that starts after DataStorage was stopped', () => {
    const run = history({
      attempts: [attempt({ process: 2, batchId: 7, attempt: 3, startMs: 5_020 })],
      backendStoppedAtMs: 5_000,
    });

    const violations = noWriteAfterStop.check(run);

    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      property: 'no-write-after-stop',
      atMs: 5_020,
      process: 2,
    });
    expect(violations[0]?.message).toBe(
      'process 2 sent attempt 3 of batch 7 at 5020 ms, after DataStorage was stopped at 5000 ms',
    );
  });

  it('flags an attempt that starts in the same ms DataStorage was stopped', () => {
    const run = history({ attempts: [attempt({ startMs: 5_000 })], backendStoppedAtMs: 5_000 });

    expect(noWriteAfterStop.check(run).map((v) => v.atMs)).toEqual([5_000]);
  });

  it('flags every retry of a batch separately', () => {
    const retries = [1, 2, 3].map((n) => attempt({ batchId: 4, attempt: n, startMs: 5_000 * n }));
    const run = history({ attempts: retries, backendStoppedAtMs: 6_000 });

    const violations = noWriteAfterStop.check(run);

    expect(violations.map((v) => v.atMs)).toEqual([10_000, 15_000]);
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringContaining('attempt 2 of batch 4'),
      expect.stringContaining('attempt 3 of batch 4'),
    ]);
  });
});
