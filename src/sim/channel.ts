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

export class Channel<T> {
  closed = false;
  readonly recvq: Waiter[] = [];
  readonly sendq: Waiter[] = [];
  private readonly ring: (T | undefined)[];
  private head = 0;
  private count = 0;

  /** @param capacity buffer slots; 0 is an unbuffered channel. */
  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {
    this.ring = new Array<T | undefined>(Math.max(capacity, 1));
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  push(value: T): void {
    this.ring[(this.head + this.count) % this.ring.length] = value;
    this.count++;
  }

  shift(): T | undefined {
    const value = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    return value;
  }
}
