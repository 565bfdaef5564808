// Pins the bound on Flush: its context deadline plus slack, and a Flush without deadline.
import { describe, expect, it } from 'vitest';

import { flushBounded } from '../../src/check/flush-bounded.ts';
import { SCHEDULING_SLACK_MS } from '../../src/check/property.ts';
import { call, history } from './build-history.ts';

const DEADLINE_AFTER_MS = 10_000;
/** The last ms at which a Flush started at 2000 ms with DEADLINE_AFTER_MS may still return. */
const LATEST_RETURN_MS = 2_000 + DEADLINE_AFTER_MS + SCHEDULING_SLACK_MS;

function flush(endMs: number | null, timeoutMs: number | null = DEADLINE_AFTER_MS, process = 1) {
  const outcome = endMs === null ? 'unknown' : 'ok';
  return call('flush', { process, startMs: 2_000, endMs, timeoutMs, outcome });
}

describe('flush-bounded', () => {
  it('holds when Flush returns by its context deadline plus the scheduling slack', () => {
    const run = history({ calls: [flush(3_000), flush(LATEST_RETURN_MS, DEADLINE_AFTER_MS, 2)] });

    expect(flushBounded.check(run)).toEqual([]);
  });

  it('flags a Flush that returns after its deadline plus the slack', () => {
    const run = history({ calls: [flush(20_000, DEADLINE_AFTER_MS, 4)] });

    expect(flushBounded.check(run)).toEqual([
      {
        property: 'flush-bounded',
        atMs: LATEST_RETURN_MS,
        process: 4,
        message:
          'Flush of process 4 started at 2000 ms with a 10000 ms timeout returned at 20000 ms, ' +
          '8000 ms past it',
      },
    ]);
  });

  it('flags a Flush still pending when the run deadlocked, even before its deadline', () => {
    const run = history({ calls: [flush(null)], endMs: 2_500, deadlocked: true });

    expect(flushBounded.check(run)).toEqual([
      {
        property: 'flush-bounded',
        atMs: LATEST_RETURN_MS,
        process: 1,
        message:
          'Flush of process 1 started at 2000 ms never returns: the run deadlocked at 2500 ms',
      },
    ]);
  });

  it('flags a Flush still pending when its process exited, at the exit', () => {
    const run = history({ calls: [flush(null)], exits: [{ process: 1, atMs: 2_300 }] });

    expect(flushBounded.check(run)).toEqual([
      {
        property: 'flush-bounded',
        atMs: 2_300,
        process: 1,
        message:
          'Flush of process 1 started at 2000 ms never returned: its process exited at 2300 ms',
      },
    ]);
  });

  it('says nothing of a Flush pending when a run that did not deadlock ended early', () => {
    const run = history({ calls: [flush(null)], endMs: 2_500 });

    expect(flushBounded.check(run)).toEqual([]);
  });

  it('flags a Flush still running at the end of the run after its deadline passed', () => {
    const run = history({ calls: [flush(null)], endMs: LATEST_RETURN_MS + 1 });

    const violations = flushBounded.check(run);

    expect(violations.map((v) => v.atMs)).toEqual([LATEST_RETURN_MS]);
    expect(violations[0]?.message).toContain('had not returned when the run ended at 12051 ms');
  });

  it('holds for a Flush still running when the run ended before its deadline', () => {
    expect(flushBounded.check(history({ calls: [flush(null)], endMs: LATEST_RETURN_MS }))).toEqual(
      [],
    );
  });

  it('holds for a Flush without deadline that returned, however late', () => {
    expect(flushBounded.check(history({ calls: [flush(55_000, null)] }))).toEqual([]);
  });

  it('flags a Flush without deadline that never returned', () => {
    const run = history({ calls: [flush(null, null)], endMs: 2_500 });

    const violations = flushBounded.check(run);

    expect(violations.map((v) => v.atMs)).toEqual([2_500]);
    expect(violations[0]?.message).toBe(
      'Flush of process 1 started at 2000 ms has no timeout and never returned ' +
        '(run ended at 2500 ms)',
    );
  });

  it('ignores a Close that hung', () => {
    const hungClose = call('close', { startMs: 0, endMs: null, timeoutMs: 10, outcome: 'unknown' });

    expect(flushBounded.check(history({ calls: [hungClose] }))).toEqual([]);
  });
});
