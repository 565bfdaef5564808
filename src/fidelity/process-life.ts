// The lifetime of one suite process in a reference run. A process that exits takes every one of
// its goroutines with it, as an OS process does: its timers never fire again, its in-flight
// requests are abandoned, and whatever it was waiting for stays unanswered.
import type { Clock, TimerHandle } from './clock.ts';

export class ProcessLife {
  /** The process's view of the run's clock: callbacks stop once the process exited. */
  readonly clock: Clock;
  private readonly pending = new Set<TimerHandle>();
  private readonly exit = new AbortController();

  constructor(
    readonly process: number,
    private readonly runClock: Clock,
  ) {
    this.clock = {
      nowMs: () => runClock.nowMs(),
      setTimeout: (callback, delayMs) => this.schedule(callback, delayMs),
      clearTimeout: (handle) => {
        this.pending.delete(handle);
        runClock.clearTimeout(handle);
      },
    };
  }

  get exited(): boolean {
    return this.exit.signal.aborted;
  }

  /** Aborted when the process exits; requests in flight listen to it. */
  get signal(): AbortSignal {
    return this.exit.signal;
  }

  /** Ends the process: clears its timers and aborts what listens to `signal`. */
  kill(): void {
    if (this.exited) return;
    for (const handle of this.pending) this.runClock.clearTimeout(handle);
    this.pending.clear();
    this.exit.abort(new Error(`process ${this.process} exited`));
  }

  private schedule(callback: () => void, delayMs: number): TimerHandle {
    if (this.exited) return null;
    const handle: TimerHandle = this.runClock.setTimeout(() => {
      this.pending.delete(handle);
      if (!this.exited) callback();
    }, delayMs);
    this.pending.add(handle);
    return handle;
  }
}

/** A promise that never settles: what an exited process waits on. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
