// The only way the reference store and its suite learn the time or wait: an injected clock. A
// virtual run passes a @sinonjs/fake-timers clock (virtual-clock.ts), a real-socket run a scaled
// real one (real-clock.ts, fed the CLI's real timers); nothing in src/fidelity touches the
// global timers itself.

/** An opaque handle of a scheduled callback. */
export type TimerHandle = unknown;

/** Time and timers in the scenario's milliseconds (virtual ms, whatever their real length). */
export interface Clock {
  /** Milliseconds since the run's time 0. */
  nowMs(): number;
  /** Calls `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** A promise that resolves `ms` from now on `clock`; at once (no timer) when `ms` <= 0. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms);
  });
}
