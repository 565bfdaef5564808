// The virtual clock of the reference runs: a @sinonjs/fake-timers clock made with createClock and
// never installed on the globals, seen through the Clock interface. It also keeps the due time of
// every pending timer, so that the driver can see the next one before it fires.
import { createClock } from '@sinonjs/fake-timers';
import type { Clock, TimerHandle } from './clock.ts';

/** Timers one run may fire before fake-timers suspects an endless loop. */
const LOOP_LIMIT = 10_000_000;

export class VirtualClock implements Clock {
  private readonly fake = createClock(0, LOOP_LIMIT);
  private readonly dueMs = new Map<TimerHandle, number>();

  nowMs(): number {
    return this.fake.now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle: TimerHandle = this.fake.setTimeout(() => {
      this.dueMs.delete(handle);
      callback();
    }, delayMs);
    this.dueMs.set(handle, this.fake.now + Math.max(0, delayMs));
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    if (!this.dueMs.delete(handle)) return;
    this.fake.clearTimeout(handle as ReturnType<typeof this.fake.setTimeout>);
  }

  /** When the next pending timer is due; null when none is pending. */
  nextDueMs(): number | null {
    let next: number | null = null;
    for (const due of this.dueMs.values()) if (next === null || due < next) next = due;
    return next;
  }

  /**
   * Advances virtual time to the next due time and fires every timer due then, in the order
   * they were set, before any of the promise chains they start runs: as Go's runtime (and the
   * core) fire all expired timers before they resume the goroutines those timers readied.
   */
  fireNextInstant(): void {
    const dueMs = this.nextDueMs();
    if (dueMs === null) return;
    while (this.nextDueMs() === dueMs) this.fake.next();
  }
}
