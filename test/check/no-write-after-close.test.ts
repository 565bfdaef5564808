// Pins which attempts count as written after Close: per process, after the earliest returned Close.
import { describe, expect, it } from 'vitest';

import { noWriteAfterClose } from '../../src/check/no-write-after-close.ts';
import { attempt, call, history } from './build-history.ts';

describe('no-write-after-close', () => {
  it('holds when attempts start before or in the same ms that Close returned', () => {
    const run = history({
      calls: [call('close', { startMs: 1_000, endMs: 2_000 })],
      attempts: [attempt({ startMs: 1_500 }), attempt({ attempt: 2, startMs: 2_000 })],
    });

    expect(noWriteAfterClose.check(run)).toEqual([]);
  });

  it('holds when the store was never closed', () => {
    const run = history({ attempts: [attempt({ startMs: 50_000 })] });

    expect(noWriteAfterClose.check(run)).toEqual([]);
  });

  it('flags an attempt that starts after the Close of its process returned', () => {
    const run = history({
      calls: [call('close', { process: 3, startMs: 1_000, endMs: 2_000 })],
      attempts: [attempt({ process: 3, batchId: 9, attempt: 2, startMs: 2_001 })],
    });

    const violations = noWriteAfterClose.check(run);

    expect(violations).toEqual([
      {
        property: 'no-write-after-close',
        atMs: 2_001,
        process: 3,
        message:
          'process 3 sent attempt 2 of batch 9 at 2001 ms, after its Close returned at 2000 ms',
      },
    ]);
  });

  it('ignores a Close that never returned', () => {
    const run = history({
      calls: [call('close', { startMs: 1_000, endMs: null, outcome: 'unknown' })],
      attempts: [attempt({ startMs: 9_000 })],
    });

    expect(noWriteAfterClose.check(run)).toEqual([]);
  });

  it('measures from the earliest Close of the process that returned', () => {
    const run = history({
      calls: [
        call('close', { startMs: 5_000, endMs: 6_000 }),
        call('close', { startMs: 1_000, endMs: 2_000, outcome: 'failed', error: 'timeout' }),
      ],
      attempts: [attempt({ startMs: 3_000 })],
    });

    const violations = noWriteAfterClose.check(run);

    expect(violations.map((v) => v.atMs)).toEqual([3_000]);
    expect(violations[0]?.message).toContain('after its Close returned at 2000 ms');
  });

  it('does not blame a process for the Close of another process', () => {
    const run = history({
      calls: [call('close', { process: 1, startMs: 1_000, endMs: 2_000 })],
      attempts: [attempt({ process: 2, startMs: 3_000 }), attempt({ process: 1, startMs: 3_000 })],
    });

    expect(noWriteAfterClose.check(run).map((v) => v.process)).toEqual([1]);
  });
});
