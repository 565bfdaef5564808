// A Go channel: a bounded FIFO buffer plus the queues of goroutines blocked sending or receiving.
// The runtime implements the operations (src/sim/runtime.ts); this file only holds the state.
import type { Goroutine } from './goroutine.ts';

/** A goroutine parked on a channel, alone or as one case of a select. */
export interface Waiter {
  readonly g: Goroutine;
  /** The select case index, or -1 for a plain send or receive. */
  readonly caseIndex: number;
  /** Shared by every case of one select; set once any case fires, so the others go stale. */
  readonly select: { done: boolean } | null;
  /** The value a parked sender offers. */
  readonly value: unknown;
}

// Shared by every channel that never held a value; frozen, so a write to it throws instead of
// leaking values into other channels and later runs.
const NO_SLOTS: readonly unknown[] = Object.freeze([]);

export class Channel<T> {
  closed = false;
  readonly recvq: Waiter[] = [];
  readonly sendq: Waiter[] = [];
  /** Grows on demand up to `capacity`: most channels hold a handful of values at a time, and
   * many (a context's Done, a timer's) never hold one, so the first slots come with the first
   * value. */
  private ring: (T | undefined)[] = NO_SLOTS as (T | undefined)[];
  private head = 0;
  private count = 0;

  /** @param capacity buffer slots; 0 is an unbuffered channel. */
  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  push(value: T): void {
    if (this.count === this.ring.length) this.grow();
    this.ring[(this.head + this.count) % this.ring.length] = value;
    this.count++;
  }

  private grow(): void {
    const bigger = new Array<T | undefined>(Math.max(4, this.ring.length * 2));
    for (let i = 0; i < this.count; i++) bigger[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = bigger;
    this.head = 0;
  }

  shift(): T | undefined {
    const value = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    return value;
  }
}
