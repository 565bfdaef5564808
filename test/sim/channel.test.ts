// Pins Go's channel semantics in the runtime: buffered FIFO, blocking sends, unbuffered handoff,
// receives on closed channels, and the panics of sending on or closing a closed channel.
import { describe, expect, it } from 'vitest';

import { Channel } from '../../src/sim/channel.ts';
import { close, recv, send, sleep, type RecvResult } from '../../src/sim/ops.ts';
import { harness } from './harness.ts';

describe('channel', () => {
  it('delivers buffered values in the order they were sent', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 3);
    h.go('sender', function* () {
      for (const value of [1, 2, 3]) yield send(ch, value);
    });
    h.go('receiver', function* () {
      yield sleep(10);
      for (let i = 0; i < 3; i++) h.note(`got ${((yield recv(ch)) as RecvResult<number>).value}`);
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.trace).toEqual(['10 got 1', '10 got 2', '10 got 3']);
  });

  it('blocks a send on a full channel until a receiver takes a value', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 1);
    h.go('sender', function* () {
      yield send(ch, 1);
      h.note('sent 1');
      yield send(ch, 2);
      h.note('sent 2');
    });
    h.go('receiver', function* () {
      yield sleep(100);
      h.note(`got ${((yield recv(ch)) as RecvResult<number>).value}`);
      h.note(`got ${((yield recv(ch)) as RecvResult<number>).value}`);
    });

    h.rt.run();

    // The woken sender is runnable before the receiver's next step, so it notes first.
    expect(h.trace).toEqual(['0 sent 1', '100 got 1', '100 sent 2', '100 got 2']);
  });

  it('hands a value over an unbuffered channel only when sender and receiver meet', () => {
    const h = harness();
    const ch = new Channel<string>('ch', 0);
    h.go('sender', function* () {
      yield send(ch, 'hello');
      h.note('sent');
    });
    h.go('receiver', function* () {
      yield sleep(50);
      h.note(`got ${((yield recv(ch)) as RecvResult<string>).value}`);
    });

    h.rt.run();

    expect(h.trace).toEqual(['50 got hello', '50 sent']);
    expect(ch.length).toBe(0);
  });

  it('yields (zero, ok=false) at once and forever on a closed, empty channel', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 4);
    const results: RecvResult<number>[] = [];
    h.go('closer', function* () {
      yield close(ch);
    });
    h.go('receiver', function* () {
      for (let i = 0; i < 3; i++) results.push(valueAndOk((yield recv(ch)) as RecvResult<number>));
      h.note('received three');
      yield sleep(1_000);
      results.push(valueAndOk((yield recv(ch)) as RecvResult<number>));
      h.note('received again');
    });

    h.rt.run();

    expect(results).toEqual(Array(4).fill({ value: undefined, ok: false }));
    expect(h.trace).toEqual(['0 received three', '1000 received again']);
  });

  it('delivers the values buffered before a close, then ok=false', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 2);
    const results: RecvResult<number>[] = [];
    h.go('sender', function* () {
      yield send(ch, 1);
      yield send(ch, 2);
      yield close(ch);
    });
    h.go('receiver', function* () {
      yield sleep(10);
      for (let i = 0; i < 3; i++) results.push(valueAndOk((yield recv(ch)) as RecvResult<number>));
    });

    h.rt.run();

    expect(results).toEqual([
      { value: 1, ok: true },
      { value: 2, ok: true },
      { value: undefined, ok: false },
    ]);
  });

  it('wakes every blocked receiver with ok=false when the channel closes', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 0);
    for (const name of ['r1', 'r2']) {
      h.go(name, function* () {
        const { ok } = (yield recv(ch)) as RecvResult<number>;
        h.note(`${name} ok=${ok}`);
      });
    }
    h.go('closer', function* () {
      yield sleep(30);
      yield close(ch);
    });

    h.rt.run();

    expect(h.trace).toEqual(['30 r1 ok=false', '30 r2 ok=false']);
  });

  it('panics the sender on a closed channel; only that goroutine dies', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 4);
    h.go('closer', function* () {
      yield close(ch);
    });
    h.go('sender', function* () {
      yield sleep(5);
      yield send(ch, 1);
      h.note('sender survived');
    });
    h.go('bystander', function* () {
      yield sleep(10);
      h.note('bystander ran on');
    });

    expect(h.rt.run()).toEqual({ kind: 'quiescent' });
    expect(h.panics).toEqual([{ goroutine: 'sender', message: 'send on closed channel', atMs: 5 }]);
    expect(h.trace).toEqual(['10 bystander ran on']);
    expect(h.rt.alive()).toEqual([]);
  });

  it('panics a sender that was blocked on a channel when it closes', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 1);
    h.go('sender', function* () {
      yield send(ch, 1);
      yield send(ch, 2);
      h.note('sender survived');
    });
    h.go('closer', function* () {
      yield sleep(20);
      yield close(ch);
    });

    h.rt.run();

    expect(h.panics).toEqual([
      { goroutine: 'sender', message: 'send on closed channel', atMs: 20 },
    ]);
    expect(h.trace).toEqual([]);
  });

  it('panics on the second close of a channel', () => {
    const h = harness();
    const ch = new Channel<number>('ch', 0);
    h.go('closer', function* () {
      yield close(ch);
      h.note('closed once');
      yield close(ch);
      h.note('closed twice');
    });

    h.rt.run();

    expect(h.trace).toEqual(['0 closed once']);
    expect(h.panics).toEqual([
      { goroutine: 'closer', message: 'close of closed channel', atMs: 0 },
    ]);
  });
});

/** The Go-visible part of a receive: its value and ok flag. */
function valueAndOk(r: RecvResult<number>): RecvResult<number> {
  return { value: r.value, ok: r.ok };
}
