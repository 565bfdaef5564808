// Round trip: logs the model itself prints (the timeline of a run whose DataStorage refuses) are
// fitted back to the store that produced them: its backoff rule, its attempts per batch, its
// writers and batches, and a replay of the fitted scenario that lands on the same lines.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../src/explore/run.ts';
import { fitLog } from '../../src/fit/infer.ts';
import { predict } from '../../src/fit/predict.ts';
import { fitScenario } from '../../src/fit/scenario.ts';
import { timelineLines } from '../../src/report/timeline.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';

const START = '2026-03-01T10:00:00.000Z';
const OUTAGE_FROM_MS = 5_000;

/** The model's timeline of two processes writing while DataStorage fails from 5 s on. */
function modelLog(
  profile: string,
  tape: readonly number[] = [],
  mode: 'refuse' | 'hung' = 'refuse',
): string {
  const scenario = parseScenario(
    {
      name: 'round-trip',
      startUtc: START,
      profile,
      dataStorage: { outages: [{ fromMs: OUTAGE_FROM_MS, mode }] },
      processes: [
        {
          id: 1,
          storeCreatedMs: 120,
          specEndMs: 60_000,
          events: [
            { atMs: 6_000, count: 3 },
            { atMs: 20_000, count: 1 },
          ],
        },
        { id: 2, storeCreatedMs: 730, specEndMs: 60_000, events: [{ atMs: 6_500, count: 2 }] },
      ],
      teardown: [{ step: 'close' }],
    },
    'round-trip',
  );
  const variation = { ...zeroVariation(scenario), tape };
  const outcome = runOnce(scenario, findFix(scenario, 'baseline'), variation);
  return timelineLines(outcome.sim.history).join('\n');
}

/** Tape values that draw jitter away from the band's edge. */
const JITTER_TAPE = Array.from({ length: 60 }, (_, i) => (i * 7_919) % 201);

describe.each([
  ['kubernaut-2026-01-04', 'squared', [], 1_000],
  ['kubernaut-2026-07-01', 'exponential-jitter', JITTER_TAPE, 1_000],
] as const)('a log printed by the model under %s', (profile, rule, tape, firstSleepMs) => {
  const fit = fitLog(modelLog(profile, tape), `${profile}.log`);

  it(`fits the ${rule} backoff rule, and only rules consistent with it`, () => {
    expect(fit.rules[0]!.rule).toBe(rule);
    expect(fit.rules[0]!.fits).toBe(true);
    expect(fit.rules.find((r) => r.rule === 'constant')!.fits).toBe(false);
    if (rule === 'exponential-jitter') {
      expect(fit.rules.find((r) => r.rule === 'exponential')!.fits).toBe(false);
    }
    const first = fit.samples.filter((s) => s.attempt === 1).map((s) => s.pointMs);
    for (const ms of first) expect(ms).toBeGreaterThanOrEqual(firstSleepMs);
  });

  it('finds three attempts per batch, two writers and the batches each sent', () => {
    expect(fit.resolutionMs).toBe(1);
    expect(fit.attemptsPerBatch).toEqual({ value: 3, exact: true, completeBatches: 3 });
    expect(fit.grouping.writers).toEqual(['1', '2']);
    expect(fit.grouping.writersFrom).toBe('process-field');
    const sizes = fit.grouping.batches.map((b) => [b.writer, b.attempts[0]!.batchSize]);
    expect(sizes).toEqual([
      ['1', 3],
      ['2', 2],
      ['1', 1],
    ]);
  });

  it('places the DataStorage outage at the first refused attempt, after it began', () => {
    const away = fit.backendAway;
    expect(away.mode).toBe('refuse');
    expect(away.atUtcMs).toBe(Date.parse(START) + 6_120);
    expect(away.atUtcMs).toBeGreaterThanOrEqual(Date.parse(START) + OUTAGE_FROM_MS);
  });

  it('builds a scenario of the same store that replays the first attempt of every batch', () => {
    const fitted = fitScenario(fit, 'fit-round-trip');
    expect(fitted.scenario.profile).toBe(profile);
    expect(fitted.scenario.store.maxAttempts).toBe(3);
    const { rows } = predict(fit, fitted);
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.attempt === 1).every((r) => r.agrees)).toBe(true);
    // Without jitter the model's replay gives back every line to the millisecond.
    if (rule === 'squared') expect(rows.every((r) => r.agrees && r.offsetMs === 0)).toBe(true);
  });
});

describe('a model log without the process field', () => {
  const text = modelLog('kubernaut-2026-01-04')
    .replace(/, "process": \d+\}/g, '}')
    .replace(/\{"process": \d+\}/g, '{}');
  const fit = fitLog(text, 'no-process.log');

  it('infers two writers from batches that overlap in time', () => {
    expect(fit.grouping.writersFrom).toBe('overlap');
    expect(fit.grouping.writers).toHaveLength(2);
    expect(fit.grouping.batches.map((b) => b.attempts.map((a) => a.attempt))).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(fit.rules[0]!.rule).toBe('squared');
  });
});

describe('a model log of a hung DataStorage', () => {
  const fit = fitLog(modelLog('kubernaut-2026-01-04', [], 'hung'), 'hung.log');

  it('takes the client timeout out of each delay and still finds the squared rule', () => {
    expect(fit.backendAway.mode).toBe('hung');
    expect(fit.backendAway.atUtcMs).toBe(Date.parse(START) + 6_120);
    expect(fit.rules[0]!.rule).toBe('squared');
    expect(fit.samples.map((s) => s.pointMs)).toEqual([1_000, 4_000, 1_000, 4_000, 1_000, 4_000]);
  });

  it('replays a DataStorage that hangs, to the millisecond', () => {
    const fitted = fitScenario(fit, 'fit-hung');
    expect(fitted.scenario.dataStorage.outages[0]!.mode).toBe('hung');
    expect(predict(fit, fitted).rows.every((r) => r.offsetMs === 0)).toBe(true);
  });
});
