// Pins how a run ends: quiescent, halted, cut off by the step or virtual-time budget (naming the
// goroutines still alive), and how killGroup ends a process's goroutines and tickers.
import { describe, expect, it } from 'vitest';

import { Channel } from '../../src/sim/channel.ts';
import { TapeDecisions } from '../../src/sim/decisions.ts';
import { STEP, recv, select, sendCase, sleep, type SelectResult } from '../../src/sim/ops.ts';
import { Ticker } from '../../src/sim/sync.ts';
import { harness } from './harness.ts';

describe('budgets', () => {
  it('cuts off a goroutine that loops without blocking with a steps verdict naming it', () => {
    const h = harness(new TapeDecisions([]), { maxSteps: 1_000, maxVirtualMs: 1_000_000 });
    h.go('finisher', function* () {
      yield STEP;
    });
    h.go('spinner', function* () {
      for (;;) yield STEP;
    });

    expect(h.rt.run()).toEqual({ kind: 'steps', limit: 1_000, goroutines: ['spinner'] });
    expect(h.rt.steps).toBe(1_000);
    expect(h.rt.nowMs).toBe(0);
  });

  it('cuts off a run whose next timer is past the virtual-time budget', () => {
    const h = harness(new TapeDecisions([]), { maxSteps: 1_000_000, maxVirtualMs: 10_000 });
    h.go('sleeper', function* () {
      for (;;) yield sleep(3_000);
    });

    expect(h.rt.run()).toEqual({ kind: 'virtual-time', limit: 10_000, goroutines: ['sleeper'] });
    expect(h.rt.nowMs).toBe(9_000);
  });

  it('ends quiescent when every goroutine is blocked and no timer is left', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 0);
    h.go('stuck', function* () {
      yield recv(ch);
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.rt.alive().map((g) => g.name)).toEqual(['stuck']);
  });

  it('ends halted after the step that calls halt, with other goroutines still runnable', () => {
    const h = harness();
    h.go('halter', function* () {
      yield sleep(50);
      h.rt.halt();
      h.note('halted');
    });
    h.go('sleeper', function* () {
      yield sleep(60);
      h.note('never seen');
    });

    expect(h.rt.run()).toEqual({ kind: 'halted' });
    expect(h.trace).toEqual(['50 halted']);
  });
});

describe('killGroup', () => {
  it("stops a group's goroutines and tickers and leaves other groups running", () => {
    const h = harness();
    let ticker: Ticker | undefined;
    h.go(
      'worker',
      function* () {
        ticker = new Ticker(h.rt, 'ticker', 1_000);
        for (;;) {
          yield sleep(100);
          h.note('worker');
        }
      },
      1,
    );
    h.go(
      'killer',
      function* () {
        yield sleep(250);
        h.rt.killGroup(1);
        yield sleep(100);
        h.note('killer ran on');
      },
      2,
    );

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.trace).toEqual(['100 worker', '200 worker', '350 killer ran on']);
    expect(h.rt.groupKilled(1)).toBe(true);
    // The ticker's next tick finds its group gone and schedules no other.
    expect(h.rt.nowMs).toBe(1_000);
    expect(ticker!.ch.length).toBe(0);
  });

  it('ends the goroutine that kills its own group, as an exit would', () => {
    const h = harness();
    h.go(
      'exiting',
      function* () {
        yield sleep(10);
        h.rt.killGroup(1);
        yield sleep(10);
        h.note('ran after its own exit');
      },
      1,
    );

    h.rt.run();

    expect(h.trace).toEqual([]);
  });

  it('leaves a killed receiver unable to take a value', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 0);
    h.go(
      'receiver',
      function* () {
        yield recv(ch);
        h.note('received');
      },
      1,
    );
    h.go(
      'sender',
      function* () {
        yield sleep(10);
        h.rt.killGroup(1);
        const sent = (yield select([sendCase(ch, 1)], true)) as SelectResult;
        h.note(sent.index === -1 ? 'nobody received' : 'someone received');
      },
      2,
    );

    h.rt.run();

    expect(h.trace).toEqual(['10 nobody received']);
    expect(h.rt.alive()).toEqual([]);
  });
});
