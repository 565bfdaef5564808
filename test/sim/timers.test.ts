// Pins virtual time: sleeps, the total order of timers, Go's ticker that holds one tick, and
// time.After.
import { describe, expect, it } from 'vitest';

import {
  recv,
  recvCase,
  select,
  sleep,
  type RecvResult,
  type SelectResult,
} from '../../src/sim/ops.ts';
import { Ticker, after } from '../../src/sim/sync.ts';
import { harness } from './harness.ts';

describe('virtual time', () => {
  it('fires timers by due time, and timers due at the same time in insertion order', () => {
    const h = harness();
    const dueTimes = [300, 100, 200, 100, 300, 0, 100, 200, 50, 100, 300, 0, 200, 100];
    const fired: string[] = [];
    dueTimes.forEach((dueMs, seq) => h.rt.at(dueMs, () => fired.push(`${dueMs}#${seq}`)));

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });

    const expected = dueTimes
      .map((dueMs, seq) => ({ dueMs, seq }))
      .sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq)
      .map(({ dueMs, seq }) => `${dueMs}#${seq}`);
    expect(fired).toEqual(expected);
    expect(h.rt.nowMs).toBe(300);
  });

  it('skips a cancelled timer', () => {
    const h = harness();
    const fired: number[] = [];
    h.rt.at(10, () => fired.push(10));
    h.rt.at(20, () => fired.push(20)).cancelled = true;

    h.rt.run();

    expect(fired).toEqual([10]);
    expect(h.rt.nowMs).toBe(10);
  });

  it('re-arms a timer that has fired, and refuses one still queued', () => {
    const h = harness();
    const fired: number[] = [];
    const timer = h.rt.at(10, () => fired.push(h.rt.nowMs));
    expect(() => h.rt.rearm(timer, 20)).toThrow(/re-armed while queued/);

    h.rt.run();
    h.rt.rearm(timer, 25);
    h.rt.run();

    expect(fired).toEqual([10, 25]);
  });

  it('wakes goroutines sleeping until the same instant in the order they went to sleep', () => {
    const h = harness();
    for (const [name, first] of [
      ['a', 30],
      ['b', 10],
      ['c', 20],
    ] as const) {
      h.go(name, function* () {
        yield sleep(first);
        yield sleep(100 - first);
        h.note(name);
      });
    }

    h.rt.run();

    expect(h.trace).toEqual(['100 b', '100 c', '100 a']);
  });

  it('returns from a sleep of zero or less without advancing time', () => {
    const h = harness();
    h.go('g', function* () {
      yield sleep(0);
      yield sleep(-5);
      h.note('awake');
    });

    h.rt.run();

    expect(h.trace).toEqual(['0 awake']);
  });

  it('holds one tick of a ticker and drops the rest while the receiver is busy', () => {
    const h = harness();
    h.go('receiver', function* () {
      const ticker = new Ticker(h.rt, 'ticker', 1_000);
      yield sleep(3_500);
      const held = (yield recv(ticker.ch)) as RecvResult<number>;
      h.note(`tick of ${held.value}`);
      const more = (yield select([recvCase(ticker.ch)], true)) as SelectResult;
      h.note(more.index === -1 ? 'no second tick pending' : 'a second tick was pending');
      const next = (yield recv(ticker.ch)) as RecvResult<number>;
      h.note(`tick of ${next.value}`);
      ticker.stop();
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.trace).toEqual([
      '3500 tick of 1000',
      '3500 no second tick pending',
      '4000 tick of 4000',
    ]);
    // Stop() takes the next tick out of the queue, so nothing is left to fire after 4000.
    expect(h.rt.nowMs).toBe(4_000);
  });

  it('sends the time once on the channel of after(), that many ms from the call', () => {
    const h = harness();
    h.go('g', function* () {
      yield sleep(100);
      const ch = after(h.rt, 'after', 250);
      const got = (yield recv(ch)) as RecvResult<number>;
      h.note(`after fired with ${got.value}`);
      yield recv(ch);
      h.note('after fired twice');
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.trace).toEqual(['350 after fired with 350']);
    expect(h.rt.alive().map((g) => [g.name, g.state])).toEqual([['g', 'blocked']]);
  });
});
