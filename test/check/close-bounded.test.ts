// Pins the bound on Close: its timeout plus slack, a hung Close, and a Close without timeout.
import { describe, expect, it } from 'vitest';

import { closeBounded } from '../../src/check/close-bounded.ts';
import { SCHEDULING_SLACK_MS } from '../../src/check/property.ts';
import { call, history } from './build-history.ts';

const TIMEOUT_MS = 5_000;
/** The last ms at which a Close started at 1000 ms with TIMEOUT_MS may still return. */
const DEADLINE_MS = 1_000 + TIMEOUT_MS + SCHEDULING_SLACK_MS;

function close(endMs: number | null, timeoutMs: number | null = TIMEOUT_MS) {
  return call('close', {
    startMs: 1_000,
    endMs,
    timeoutMs,
    outcome: endMs === null ? 'unknown' : 'ok',
  });
}

describe('close-bounded', () => {
  it('holds when Close returns within its timeout', () => {
    expect(closeBounded.check(history({ calls: [close(2_000)] }))).toEqual([]);
  });

  it('holds when Close returns within the scheduling slack after its timeout', () => {
    expect(closeBounded.check(history({ calls: [close(DEADLINE_MS)] }))).toEqual([]);
  });

  it('flags a Close that returns after its timeout plus the slack', () => {
    const run = history({ calls: [close(DEADLINE_MS + 1)] });

    expect(closeBounded.check(run)).toEqual([
      {
        property: 'close-bounded',
        atMs: DEADLINE_MS,
        process: 1,
        message:
          'Close of process 1 started at 1000 ms with a 5000 ms timeout returned at 6051 ms, ' +
          '51 ms past it',
      },
    ]);
  });

  it('flags a Close that hung past its timeout until the run ended', () => {
    const run = history({ calls: [close(null)], endMs: 60_000 });

    const violations = closeBounded.check(run);

    expect(violations.map((v) => v.atMs)).toEqual([DEADLINE_MS]);
    expect(violations[0]?.message).toContain('had not returned when the run ended at 60000 ms');
  });

  it('holds for a Close still running when the run ended before its timeout elapsed', () => {
    expect(closeBounded.check(history({ calls: [close(null)], endMs: 3_000 }))).toEqual([]);
    expect(closeBounded.check(history({ calls: [close(null)], endMs: DEADLINE_MS }))).toEqual([]);
  });

  it('holds for a Close without timeout that returned, however late', () => {
    expect(closeBounded.check(history({ calls: [close(50_000, null)] }))).toEqual([]);
  });

  it('flags a Close without timeout that never returned, at the end of the run', () => {
    const run = history({ calls: [close(null, null)], endMs: 2_000 });

    const violations = closeBounded.check(run);

    expect(violations.map((v) => [v.atMs, v.process])).toEqual([[2_000, 1]]);
    expect(violations[0]?.message).toContain('has no timeout and never returned');
  });

  it('ignores a Flush that hung', () => {
    const hungFlush = call('flush', { startMs: 0, endMs: null, timeoutMs: 10, outcome: 'unknown' });

    expect(closeBounded.check(history({ calls: [hungFlush] }))).toEqual([]);
  });
});
