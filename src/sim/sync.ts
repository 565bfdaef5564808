// Go's sync and context primitives on top of the runtime: WaitGroup, an atomic int, contexts
// with cancel and timeout, tickers and time.After. Callers yield STEP before touching an atomic
// or cancelling a context, so that each is its own scheduling point.
import { Channel } from './channel.ts';
import { GoPanic } from './errors.ts';
import type { Goroutine } from './goroutine.ts';
import type { Runtime } from './runtime.ts';
import type { Timer } from './timer-heap.ts';

export class WaitGroup {
  count = 0;
  readonly waiters: Goroutine[] = [];

  constructor(private readonly rt: Runtime) {}

  add(delta: number): void {
    this.count += delta;
    if (this.count < 0) throw new GoPanic('sync: negative WaitGroup counter');
    if (this.count > 0) return;
    for (const g of this.waiters.splice(0)) this.rt.wake(g, undefined);
  }

  done(): void {
    this.add(-1);
  }
}

/** An int32 read and written atomically; the caller yields STEP before each access. */
export class AtomicInt {
  constructor(public value = 0) {}

  compareAndSwap(old: number, next: number): boolean {
    if (this.value !== old) return false;
    this.value = next;
    return true;
  }
}

export const CANCELED = 'context canceled';
export const DEADLINE_EXCEEDED = 'context deadline exceeded';

/** A context: `done` is closed on cancel; `err` says why. Children are cancelled with it. */
export class Context {
  err: string | null = null;
  readonly done: Channel<never>;
  private readonly children: Context[] = [];
  private timer: Timer | null = null;

  constructor(
    private readonly rt: Runtime,
    name: string,
    parent: Context | null,
  ) {
    this.done = new Channel<never>(`${name}.Done`, 0);
    if (parent === null) return;
    if (parent.err !== null) this.cancel(parent.err);
    else parent.children.push(this);
  }

  /** context.WithTimeout: cancelled with "deadline exceeded" after `timeoutMs` virtual ms. */
  withTimeout(name: string, timeoutMs: number): Context {
    const child = new Context(this.rt, name, this);
    if (child.err === null) {
      child.timer = this.rt.at(this.rt.nowMs + timeoutMs, () => child.cancel(DEADLINE_EXCEEDED));
    }
    return child;
  }

  withCancel(name: string): Context {
    return new Context(this.rt, name, this);
  }

  cancel(reason: string = CANCELED): void {
    if (this.err !== null) return;
    this.err = reason;
    if (this.timer !== null) this.timer.cancelled = true;
    this.rt.closeChannel(this.done as Channel<unknown>);
    for (const child of this.children.splice(0)) child.cancel(reason);
  }
}

/**
 * A Go ticker: its channel holds one tick; ticks that find it full are dropped, as Go's are
 * while the receiver is busy.
 */
export class Ticker {
  readonly ch: Channel<number>;
  private stopped = false;
  /** Ticks stop when the owning goroutine's group (its process) has exited. */
  private readonly group: number;

  constructor(
    private readonly rt: Runtime,
    name: string,
    private readonly periodMs: number,
  ) {
    this.ch = new Channel<number>(`${name}.C`, 1);
    this.group = rt.current?.group ?? -1;
    this.timer = rt.at(rt.nowMs + periodMs, () => this.tick());
  }

  stop(): void {
    this.stopped = true;
    this.timer.cancelled = true;
  }

  private readonly timer: Timer;

  private tick(): void {
    if (this.stopped || this.rt.groupKilled(this.group)) return;
    const dueMs = this.timer.dueMs;
    this.rt.offer(this.ch as Channel<unknown>, dueMs); // a full channel drops the tick
    this.rt.rearm(this.timer, dueMs + this.periodMs);
  }
}

/** time.After: a channel that receives the time once, `ms` from now. */
export function after(rt: Runtime, name: string, ms: number): Channel<number> {
  return newTimer(rt, name, ms).ch;
}

/** time.NewTimer: like after(), with the timer to stop once its wait is over (as Go's http
 * client stops its timeout timer), so that a finished wait leaves nothing in the queue. */
export function newTimer(
  rt: Runtime,
  name: string,
  ms: number,
): { ch: Channel<number>; timer: Timer } {
  const ch = new Channel<number>(name, 1);
  const timer = rt.at(rt.nowMs + ms, () => rt.offer(ch as Channel<unknown>, rt.nowMs));
  return { ch, timer };
}
