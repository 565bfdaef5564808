// Go's channel semantics on the state of src/sim/channel.ts: send, receive, close, and the
// readiness and execution of one select case. A parked goroutine is handed its result through
// the Waker (the runtime), which makes it runnable again.
import type { Channel, Waiter } from './channel.ts';
import { GoPanic } from './errors.ts';
import type { Goroutine } from './goroutine.ts';
import { Received, type SelectCase } from './ops.ts';

export interface Waker {
  wake(g: Goroutine, result: unknown): void;
}

const CLOSED_RESULT = new Received(-1, undefined, false);

/** A parked goroutine still waiting here: not woken since, and not by another select case. */
function live(w: Waiter): boolean {
  return w.g.state === 'blocked' && (w.select === null || !w.select.done);
}

function hasLive(queue: Waiter[]): boolean {
  while (queue.length > 0 && !live(queue[0]!)) queue.shift();
  return queue.length > 0;
}

function takeLive(queue: Waiter[]): Waiter | undefined {
  for (let w = queue.shift(); w !== undefined; w = queue.shift()) if (live(w)) return w;
  return undefined;
}

function deliver(w: Waiter, value: unknown, ok: boolean, waker: Waker): void {
  if (w.select === null) return waker.wake(w.g, new Received(-1, value, ok));
  w.select.done = true;
  waker.wake(w.g, new Received(w.caseIndex, value, ok));
}

function completeSend(w: Waiter, waker: Waker): void {
  if (w.select === null) return waker.wake(w.g, undefined);
  w.select.done = true;
  waker.wake(w.g, new Received(w.caseIndex, undefined, true));
}

/** Sends without blocking: to a parked receiver, else into the buffer. False if it would block. */
export function trySend(ch: Channel<unknown>, value: unknown, waker: Waker): boolean {
  for (let w = ch.recvq.shift(); w !== undefined; w = ch.recvq.shift()) {
    if (!live(w)) continue;
    deliver(w, value, true, waker);
    return true;
  }
  if (ch.full) return false;
  ch.push(value);
  return true;
}

/** Receives without blocking; null if it would block. A closed, drained channel gives ok=false. */
export function tryRecv(ch: Channel<unknown>, waker: Waker): Received | null {
  if (ch.length > 0) {
    const value = ch.shift();
    const sender = takeLive(ch.sendq);
    if (sender !== undefined) {
      ch.push(sender.value);
      completeSend(sender, waker);
    }
    return new Received(-1, value, true);
  }
  const sender = takeLive(ch.sendq);
  if (sender !== undefined) {
    completeSend(sender, waker);
    return new Received(-1, sender.value, true);
  }
  if (ch.closed) return CLOSED_RESULT;
  return null;
}

/** Closes a channel: receivers get ok=false, parked senders panic; a second close panics. */
export function closeChannel(ch: Channel<unknown>, waker: Waker): void {
  if (ch.closed) throw new GoPanic('close of closed channel');
  ch.closed = true;
  for (const w of ch.recvq.splice(0)) {
    if (live(w)) deliver(w, undefined, false, waker);
  }
  for (const w of ch.sendq.splice(0)) {
    if (!live(w)) continue;
    if (w.select !== null) w.select.done = true;
    w.g.panicOnResume = 'send on closed channel';
    waker.wake(w.g, undefined);
  }
}

/** Whether a select case could proceed now (a send on a closed channel counts: it panics). */
function caseReady(c: SelectCase): boolean {
  const ch = c.ch;
  if (c.dir === 'recv') return ch.length > 0 || ch.closed || hasLive(ch.sendq);
  return ch.closed || hasLive(ch.recvq) || !ch.full;
}

/** Runs a ready select case. */
function runCase(c: SelectCase, index: number, waker: Waker): Received {
  if (c.dir === 'send') {
    if (c.ch.closed) throw new GoPanic('send on closed channel');
    trySend(c.ch, c.value, waker);
    return new Received(index, undefined, true);
  }
  const result = tryRecv(c.ch, waker)!;
  return new Received(index, result.value, result.ok);
}

/**
 * Runs one ready case of a select, or returns null when none is ready. With several ready the
 * pick is `choose(ready)`: a scheduling choice, where Go picks uniformly at random.
 */
export function selectReady(
  cases: readonly SelectCase[],
  choose: (options: number) => number,
  waker: Waker,
): Received | null {
  let ready = 0;
  let only = -1;
  for (let i = 0; i < cases.length; i++) {
    if (caseReady(cases[i]!)) {
      ready++;
      only = i;
    }
  }
  if (ready === 0) return null;
  let index = only;
  if (ready > 1) {
    let n = choose(ready);
    for (index = 0; index < cases.length; index++) {
      if (caseReady(cases[index]!) && n-- === 0) break;
    }
  }
  return runCase(cases[index]!, index, waker);
}

/** Parks `g` on every case of a select; the first case to fire makes the others stale. */
export function parkSelect(g: Goroutine, cases: readonly SelectCase[]): void {
  const shared = { done: false };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const value = c.dir === 'send' ? c.value : undefined;
    const waiter: Waiter = { g, caseIndex: i, select: shared, value };
    (c.dir === 'send' ? c.ch.sendq : c.ch.recvq).push(waiter);
  }
}
