// A Clock for real-socket runs, in the scenario's milliseconds, where one scenario ms lasts
// `timeScale` real ms. It reads no real time itself: the caller hands it the real clock and
// timers (src/cli/wallclock.ts, the one module that captures them), as the virtual runs are
// handed a fake-timers clock.
import type { Clock, TimerHandle } from './clock.ts';

/** Real time and timers, in real ms, as the process's globals give them. */
export interface RealTime {
  nowMs(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export class ScaledRealClock implements Clock {
  private originMs: number;

  /** @param timeScale real ms per scenario ms (0.05: a 20 s scenario takes 1 real second) */
  constructor(
    private readonly real: RealTime,
    readonly timeScale: number,
  ) {
    this.originMs = real.nowMs();
  }

  nowMs(): number {
    return (this.real.nowMs() - this.originMs) / this.timeScale;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.real.setTimeout(callback, Math.max(0, delayMs) * this.timeScale);
  }

  clearTimeout(handle: TimerHandle): void {
    this.real.clearTimeout(handle);
  }

  /** Makes now scenario time 0: a run starts its clock once its server is warm. */
  restart(): void {
    this.originMs = this.real.nowMs();
  }
}
