// The one module of src/fidelity that reads real time: a Clock for real-socket runs, in the
// scenario's milliseconds, where one scenario ms lasts `timeScale` real ms. The lint rule that
// bans ambient time in src/ exempts this file alone.
import type { Clock, TimerHandle } from './clock.ts';

export class ScaledRealClock implements Clock {
  private originMs = performance.now();

  /** @param timeScale real ms per scenario ms (0.05: a 20 s scenario takes 1 real second) */
  constructor(readonly timeScale: number) {}

  nowMs(): number {
    return (performance.now() - this.originMs) / this.timeScale;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return setTimeout(callback, Math.max(0, delayMs) * this.timeScale);
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }

  /** Makes now scenario time 0: a run starts its clock once its server is warm. */
  restart(): void {
    this.originMs = performance.now();
  }
}
