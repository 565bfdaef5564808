// Pins what counts as an accepted event, as its loss, and as a report of that loss to the caller.
import { describe, expect, it } from 'vitest';

import { noSilentLoss } from '../../src/check/no-silent-loss.ts';
import { accepted, call, failed, history } from './build-history.ts';

describe('no-silent-loss', () => {
  it('holds when every accepted event was persisted', () => {
    const run = history({ calls: [accepted(1, 100), accepted(2, 200)], persisted: [1, 2] });

    expect(noSilentLoss.check(run)).toEqual([]);
  });

  it('flags an accepted event that was never persisted nor reported, at the end of the run', () => {
    const run = history({
      calls: [accepted(1, 100), accepted(2, 200)],
      persisted: [1],
      endMs: 30_000,
    });

    expect(noSilentLoss.check(run)).toEqual([
      {
        property: 'no-silent-loss',
        atMs: 30_000,
        process: 1,
        message:
          'process 1 lost 1 accepted event: never persisted, and no Flush or Close error ' +
          'reported the loss (ids 2)',
      },
    ]);
  });

  it('reports one violation per process, listing at most five ids and the count', () => {
    const lostOn2 = [17, 11, 12, 13, 14, 15, 16].map((id) => accepted(id, id * 10, 2));
    const run = history({ calls: [...lostOn2, accepted(3, 50, 1)] });

    const violations = noSilentLoss.check(run);

    expect(violations.map((v) => v.process)).toEqual([1, 2]);
    expect(violations[1]?.message).toContain('process 2 lost 7 accepted events');
    expect(violations[1]?.message).toContain('(ids 11, 12, 13, 14, 15, and 2 more)');
  });

  it('does not count an event StoreAudit refused or never returned from as accepted', () => {
    const run = history({
      calls: [
        call('storeAudit', { eventId: 1, outcome: 'failed', error: 'store is closed' }),
        call('storeAudit', { eventId: 2, endMs: null, outcome: 'unknown' }),
        call('storeAudit', { eventId: null }),
      ],
    });

    expect(noSilentLoss.check(run)).toEqual([]);
  });

  it('holds when a later Flush or Close error reported the loss to the caller', () => {
    const byFlush = history({ calls: [accepted(1, 100), failed('flush', 900)] });
    const byClose = history({ calls: [accepted(1, 100), failed('close', 900)] });

    expect(noSilentLoss.check(byFlush)).toEqual([]);
    expect(noSilentLoss.check(byClose)).toEqual([]);
  });

  it('counts an error returned in the same ms the StoreAudit started as a report', () => {
    const run = history({ calls: [accepted(1, 500), failed('flush', 500)] });

    expect(noSilentLoss.check(run)).toEqual([]);
  });

  it('flags a loss whose only error came back before the event was stored', () => {
    const run = history({ calls: [failed('flush', 499), accepted(1, 500)] });

    expect(noSilentLoss.check(run)).toHaveLength(1);
  });

  it('flags a loss whose Close error the teardown ignored', () => {
    const run = history({
      calls: [accepted(1, 100), failed('close', 900, { errorIgnored: true })],
    });

    expect(noSilentLoss.check(run)).toHaveLength(1);
  });

  it('flags a loss whose only error went to another process', () => {
    const run = history({ calls: [accepted(1, 100, 1), failed('close', 900, { process: 2 })] });

    expect(noSilentLoss.check(run).map((v) => v.process)).toEqual([1]);
  });

  it('takes neither an error without text nor a call that never returned as a report', () => {
    const run = history({
      calls: [
        accepted(1, 100),
        failed('flush', 900, { error: null }),
        call('close', { startMs: 1_000, endMs: null, outcome: 'unknown', error: 'late' }),
      ],
    });

    expect(noSilentLoss.check(run)).toHaveLength(1);
  });
});
