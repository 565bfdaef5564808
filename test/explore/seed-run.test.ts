// Acceptance against the seed's CI log: replaying the seed scenario as written, under its own
// teardown, must print the "Failed to write audit batch" lines the CI run printed, at the same
// seconds, for the same batch, with the same connection-refused error.
import { describe, expect, it } from 'vitest';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { replay, SEED_SCENARIO } from './seed-scenario.ts';

interface ErrorLine {
  readonly second: string;
  readonly fields: { attempt: number; batch_size: number; error: string; process: number };
}

function failedWrites(timeline: string): ErrorLine[] {
  return timeline
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(
      ([, level, , message]) => level === 'ERROR' && message === 'Failed to write audit batch',
    )
    .map(([at, , , , fields]) => ({ second: at!.slice(0, 19), fields: JSON.parse(fields!) }));
}

describe('the seed CI run replayed as written, under its own teardown', () => {
  const { outcome, timeline } = replay(SEED_SCENARIO, 'baseline', zeroVariation(SEED_SCENARIO));
  const lines = failedWrites(timeline);

  // Process 4's store ticks every 1 s from 17:44:10.4 (store created at 400 ms). Processes 1-3
  // stopped DataStorage at 17:44:19.9, so the tick after the events of 17:44:19.7 is refused at
  // :20, then retried after the 1 s and 4 s backoff (k squared seconds) at :21 and :25. The
  // events of 17:44:34.6 go the same way at :35, :36 and :40.
  it('prints the six refused attempts of the CI log, at the seconds the CI log shows', () => {
    expect(lines.map((l) => [l.second, l.fields.attempt])).toEqual([
      ['2026-01-04T17:44:20', 1],
      ['2026-01-04T17:44:21', 2],
      ['2026-01-04T17:44:25', 3],
      ['2026-01-04T17:44:35', 1],
      ['2026-01-04T17:44:36', 2],
      ['2026-01-04T17:44:40', 3],
    ]);
  });

  it('reports each as a refused batch of 2 events of process 4 on 127.0.0.1:18097', () => {
    for (const { fields } of lines) {
      expect(fields.batch_size).toBe(2);
      expect(fields.process).toBe(4);
      expect(fields.error).toContain('127.0.0.1:18097');
      expect(fields.error).toContain('connection refused');
    }
  });

  it('finds the write after the stop that the triage was about', () => {
    expect(outcome.findings.map((f) => f.verdict)).toContain('no-write-after-stop');
  });
});
