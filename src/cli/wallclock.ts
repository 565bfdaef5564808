// The one module that reads real time: the CLI's own timing (runs per second, progress ETA) and
// the real clock and timers it hands to a real-socket replay. Nothing in the simulation may
// import it; the lint rule that bans ambient time in src/ exempts only this file.
import type { RealTime } from '../fidelity/real-clock.ts';

export function wallNowMs(): number {
  return performance.now();
}

/** The process's real clock and timers, for `replay --real`. */
export const REAL_TIME: RealTime = {
  nowMs: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
