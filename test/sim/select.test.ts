// Pins Go's select in the runtime: default when nothing is ready, the pick among ready cases as
// a decision, blocking until a case fires, and a blocked send case panicking on close.
import { describe, expect, it } from 'vitest';

import { Channel } from '../../src/sim/channel.ts';
import { TapeDecisions } from '../../src/sim/decisions.ts';
import {
  close,
  recvCase,
  select,
  send,
  sendCase,
  sleep,
  type SelectResult,
} from '../../src/sim/ops.ts';
import { harness } from './harness.ts';

/** Runs one select over two buffered channels that both hold a value, under `tape`. */
function pickBetweenTwoReady(tape: number[]): { result: SelectResult; taken: number } {
  const decisions = new TapeDecisions(tape);
  const h = harness(decisions);
  const a = new Channel<string>('a', 1);
  const b = new Channel<string>('b', 1);
  let result: SelectResult | undefined;
  h.go('chooser', function* () {
    yield send(a, 'from a');
    yield send(b, 'from b');
    result = (yield select([recvCase(a), recvCase(b)])) as SelectResult;
  });

  h.rt.run();
  return { result: result!, taken: decisions.taken };
}

describe('select', () => {
  it('takes default when no case is ready', () => {
    const h = harness();
    const empty = new Channel<number>('empty', 1);
    const full = new Channel<number>('full', 1);
    const results: SelectResult[] = [];
    h.go('g', function* () {
      yield send(full, 1);
      results.push((yield select([recvCase(empty), sendCase(full, 2)], true)) as SelectResult);
    });

    h.rt.run();

    expect(results).toEqual([{ index: -1, value: undefined, ok: false }]);
    expect(full.length).toBe(1);
  });

  it('lets the decision tape pick among ready cases', () => {
    expect(pickBetweenTwoReady([0])).toEqual({
      result: { index: 0, value: 'from a', ok: true },
      taken: 1,
    });
    expect(pickBetweenTwoReady([1])).toEqual({
      result: { index: 1, value: 'from b', ok: true },
      taken: 1,
    });
    expect(pickBetweenTwoReady([3]).result.index).toBe(1);
  });

  it('takes the only ready case without consuming a decision', () => {
    const decisions = new TapeDecisions([1]);
    const h = harness(decisions);
    const ready = new Channel<number>('ready', 1);
    const idle = new Channel<number>('idle', 1);
    let result: SelectResult | undefined;
    h.go('g', function* () {
      yield send(ready, 7);
      result = (yield select([recvCase(idle), recvCase(ready)])) as SelectResult;
    });

    h.rt.run();

    expect(result).toEqual({ index: 1, value: 7, ok: true });
    expect(decisions.taken).toBe(0);
  });

  it('blocks until a case fires and reports which one', () => {
    const h = harness();
    const never = new Channel<number>('never', 0);
    const later = new Channel<number>('later', 0);
    h.go('waiter', function* () {
      const result = (yield select([recvCase(never), recvCase(later)])) as SelectResult;
      h.note(`case ${result.index} got ${String(result.value)}`);
    });
    h.go('sender', function* () {
      yield sleep(40);
      yield send(later, 9);
      h.note('sent');
    });

    h.rt.run();

    expect(h.trace).toEqual(['40 sent', '40 case 1 got 9']);
  });

  it('fires a blocked select only once, so its other cases go stale', () => {
    const h = harness();
    const a = new Channel<number>('a', 0);
    const b = new Channel<number>('b', 1);
    h.go('waiter', function* () {
      const result = (yield select([recvCase(a), recvCase(b)])) as SelectResult;
      h.note(`case ${result.index}`);
    });
    h.go('sender', function* () {
      yield sleep(10);
      yield send(b, 1);
      yield send(b, 2);
      const onA = (yield select([sendCase(a, 3)], true)) as SelectResult;
      h.note(`send on a ${onA.index === -1 ? 'found no receiver' : 'was taken'}`);
    });

    h.rt.run();

    expect(h.trace).toEqual(['10 case 1', '10 send on a found no receiver']);
    expect(b.length).toBe(1);
  });

  it('panics a goroutine blocked sending in a select when that channel closes', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 0);
    const other = new Channel<number>('other', 0);
    h.go('selector', function* () {
      yield select([sendCase(ch, 1), recvCase(other)]);
      h.note('selector survived');
    });
    h.go('closer', function* () {
      yield sleep(25);
      yield close(ch);
      h.note('closed');
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.panics).toEqual([
      { goroutine: 'selector', message: 'send on closed channel', atMs: 25 },
    ]);
    expect(h.trace).toEqual(['25 closed']);
  });

  it('panics a send case on a closed channel even when the select has a default', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 4);
    h.go('g', function* () {
      yield close(ch);
      yield select([sendCase(ch, 1)], true);
      h.note('took default');
    });

    h.rt.run();

    expect(h.panics).toEqual([{ goroutine: 'g', message: 'send on closed channel', atMs: 0 }]);
    expect(h.trace).toEqual([]);
  });
});
