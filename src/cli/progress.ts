// Progress of a long validate on a terminal: one line on stderr, rewritten in place, with runs
// done, runs that violated a property so far, rate and ETA. Silent when stderr is not a terminal
// or when the output is JSON, so logs and pipes stay clean.
import type { Progress as ExplorationProgress } from '../explore/validate.ts';
import { wallNowMs } from './wallclock.ts';

export class Progress {
  private readonly startedMs = wallNowMs();
  private lastDrawMs = 0;
  /** Latest report per fix (or sweep column); explorations may run side by side in workers. */
  private readonly latest = new Map<string, ExplorationProgress>();

  constructor(
    private readonly enabled: boolean,
    private readonly totalRuns: number,
  ) {}

  /** Takes one exploration's progress; `key` names it when its fix name is not unique. */
  update(progress: ExplorationProgress, key: string = progress.fix): void {
    if (!this.enabled) return;
    this.latest.set(key, progress);
    const now = wallNowMs();
    if (now - this.lastDrawMs < 100) return;
    this.lastDrawMs = now;

    let done = 0;
    let violating = 0;
    for (const p of this.latest.values()) {
      done += p.done;
      violating += p.violating;
    }
    const rate = done / Math.max((now - this.startedMs) / 1_000, 1e-3);
    const etaS = Math.max(0, (this.totalRuns - done) / rate);
    const line =
      `validate: ${done}/${this.totalRuns} runs (${key}), ${violating} violating so far, ` +
      `${rate.toFixed(0)} runs/s, ETA ${etaS.toFixed(0)} s`;
    process.stderr.write(`\r${line.padEnd(100)}`);
  }

  done(): void {
    if (this.enabled) process.stderr.write(`\r${' '.repeat(100)}\r`);
  }
}
