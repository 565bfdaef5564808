// Progress of a long validate on a terminal: one line on stderr, rewritten in place. Silent when
// stderr is not a terminal or when the output is JSON, so logs and pipes stay clean.
import { wallNowMs } from './wallclock.ts';

export class Progress {
  private readonly startedMs = wallNowMs();
  private lastDrawMs = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly totalRuns: number,
  ) {}

  update(fix: string, runsDone: number): void {
    if (!this.enabled) return;
    const now = wallNowMs();
    if (now - this.lastDrawMs < 100) return;
    this.lastDrawMs = now;
    const rate = runsDone / Math.max((now - this.startedMs) / 1_000, 1e-3);
    const etaS = Math.max(0, (this.totalRuns - runsDone) / rate);
    const line =
      `validate: ${runsDone}/${this.totalRuns} runs (${fix}), ` +
      `${rate.toFixed(0)} runs/s, ETA ${etaS.toFixed(0)} s`;
    process.stderr.write(`\r${line.padEnd(78)}`);
  }

  done(): void {
    if (this.enabled) process.stderr.write(`\r${' '.repeat(78)}\r`);
  }
}
