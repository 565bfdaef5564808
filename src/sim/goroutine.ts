// The scheduler's view of one goroutine: its generator, what it waits for, and how it ended.
import type { Go, Op } from './ops.ts';
import type { Timer } from './timer-heap.ts';

export type GoroutineState = 'runnable' | 'blocked' | 'done' | 'panicked' | 'killed';

export class Goroutine {
  state: GoroutineState = 'runnable';
  /** The operation to perform when the goroutine is scheduled next; null to just resume it. */
  pending: Op | null = null;
  /** The value to resume the generator with (the result of a completed blocking operation). */
  resume: unknown = undefined;
  /** Set when a parked operation must panic on resume (a sender whose channel was closed). */
  panicOnResume: string | null = null;
  /** The timer of its sleeps, re-armed for each one: a goroutine sleeps one sleep at a time. */
  sleepTimer: Timer | null = null;

  constructor(
    readonly id: number,
    readonly name: string,
    /** The suite process (or other group) the goroutine belongs to; killed together. */
    readonly group: number,
    readonly body: Go<unknown>,
  ) {}

  get finished(): boolean {
    return this.state === 'done' || this.state === 'panicked' || this.state === 'killed';
  }
}
