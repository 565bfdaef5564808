// Pins the sync and context primitives: contexts closing Done on cancel and on timeout and
// cancelling their children, WaitGroup wait and done, the negative-counter panic, and the atomic.
import { describe, expect, it } from 'vitest';

import { STEP, recv, recvCase, select, sleep, wait, type RecvResult } from '../../src/sim/ops.ts';
import { AtomicInt, CANCELED, Context, DEADLINE_EXCEEDED, WaitGroup } from '../../src/sim/sync.ts';
import { harness } from './harness.ts';

describe('Context', () => {
  it('closes Done on cancel and cancels its children, never its parent', () => {
    const h = harness();
    const root = new Context(h.rt, 'root', null);
    const parent = root.withCancel('parent');
    const child = parent.withCancel('child');
    const grandchild = child.withTimeout('grandchild', 5_000);
    h.go('waiter', function* () {
      const done = (yield recv(grandchild.done)) as RecvResult<never>;
      h.note(`grandchild done, ok=${done.ok}, err=${grandchild.err}`);
    });
    h.go('canceller', function* () {
      yield sleep(100);
      yield STEP;
      parent.cancel();
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.trace).toEqual([`100 grandchild done, ok=false, err=${CANCELED}`]);
    expect([root.err, parent.err, child.err, grandchild.err]).toEqual([
      null,
      CANCELED,
      CANCELED,
      CANCELED,
    ]);
    expect(h.rt.nowMs).toBe(100);
  });

  it('keeps the first reason when cancelled twice', () => {
    const h = harness();
    const ctx = new Context(h.rt, 'ctx', null);
    ctx.cancel();
    ctx.cancel(DEADLINE_EXCEEDED);

    expect(ctx.err).toBe(CANCELED);
    expect(ctx.done.closed).toBe(true);
  });

  it('cancels withTimeout with "context deadline exceeded" when the timeout has passed', () => {
    const h = harness();
    const root = new Context(h.rt, 'root', null);
    h.go('g', function* () {
      yield sleep(200);
      const ctx = root.withTimeout('deadline', 300);
      const never = root.withCancel('never');
      yield select([recvCase(ctx.done), recvCase(never.done)]);
      h.note(`done with ${ctx.err}`);
    });

    h.rt.run();

    expect(h.trace).toEqual([`500 done with ${DEADLINE_EXCEEDED}`]);
    expect(DEADLINE_EXCEEDED).toBe('context deadline exceeded');
    expect(root.err).toBeNull();
  });

  it('drops the timer of a timeout context cancelled before its deadline', () => {
    const h = harness();
    const ctx = new Context(h.rt, 'root', null).withTimeout('deadline', 10_000);
    ctx.cancel();

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(ctx.err).toBe(CANCELED);
    expect(h.rt.nowMs).toBe(0);
  });

  it('creates the child of a cancelled context already cancelled, with the parent reason', () => {
    const h = harness();
    const root = new Context(h.rt, 'root', null);
    root.cancel(DEADLINE_EXCEEDED);

    const child = root.withTimeout('child', 30_000);

    expect(child.err).toBe(DEADLINE_EXCEEDED);
    expect(child.done.closed).toBe(true);
    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.rt.nowMs).toBe(0);
  });
});

describe('WaitGroup', () => {
  it('releases Wait when the last Done brings the counter to zero', () => {
    const h = harness();
    const wg = new WaitGroup(h.rt);
    wg.add(2);
    for (const ms of [100, 300]) {
      h.go(`worker${ms}`, function* () {
        yield sleep(ms);
        wg.done();
      });
    }
    h.go('waiter', function* () {
      yield wait(wg);
      h.note('released');
    });

    h.rt.run();

    expect(h.trace).toEqual(['300 released']);
  });

  it('returns from Wait at once when the counter is zero', () => {
    const h = harness();
    const wg = new WaitGroup(h.rt);
    h.go('waiter', function* () {
      yield wait(wg);
      h.note('released');
    });

    h.rt.run();

    expect(h.trace).toEqual(['0 released']);
  });

  it('panics the goroutine that drives the counter below zero', () => {
    const h = harness();
    const wg = new WaitGroup(h.rt);
    h.go('g', function* () {
      yield sleep(7);
      wg.done();
      h.note('survived');
    });

    h.rt.run();

    expect(h.panics).toEqual([
      { goroutine: 'g', message: 'sync: negative WaitGroup counter', atMs: 7 },
    ]);
    expect(h.trace).toEqual([]);
  });
});

describe('AtomicInt', () => {
  it('swaps only from the expected value', () => {
    const flag = new AtomicInt(0);

    expect(flag.compareAndSwap(0, 1)).toBe(true);
    expect(flag.compareAndSwap(0, 1)).toBe(false);
    expect(flag.value).toBe(1);
  });
});
