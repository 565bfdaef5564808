// The seed triage note's own CI log excerpt: its timestamps support the squared backoff of the
// 2026-01-04 store (1 s, then 4 s, three attempts in all), not the "1s, 4s, 16s" nor the
// "~21 s of retries" the note states, and a scenario built from them replays the same lines.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBackoffClaim, checkRetryWindowClaim } from '../../src/fit/claims.ts';
import { fitLog } from '../../src/fit/infer.ts';
import { predict } from '../../src/fit/predict.ts';
import { fitScenario } from '../../src/fit/scenario.ts';

const FIXTURE = new URL('./fixtures/seed-excerpt.log', import.meta.url);
const fit = fitLog(readFileSync(FIXTURE, 'utf8'), 'seed-excerpt.log');

describe('fit of the seed excerpt', () => {
  it('finds two batches of two events, three attempts each, from one writer', () => {
    expect(fit.failedWrites).toBe(6);
    expect(fit.resolutionMs).toBe(1_000);
    expect(fit.grouping.writers).toEqual(['w1']);
    expect(fit.grouping.batches.map((b) => b.attempts.map((a) => a.attempt))).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(fit.attemptsPerBatch).toEqual({ value: 3, exact: true, completeBatches: 1 });
  });

  it('names the squared rule, and neither exponential rule nor a constant sleep fits', () => {
    expect(fit.rules[0]!.rule).toBe('squared');
    expect(fit.rules[0]!.residualsMs).toEqual([0, 0, 0, 0]);
    expect(fit.rules.filter((r) => r.fits).map((r) => r.rule)).toEqual(['squared']);
  });

  it('says DataStorage refused connections by 17:44:20', () => {
    expect(fit.backendAway.atUtcMs).toBe(Date.parse('2026-01-04T17:44:20Z'));
    expect(fit.backendAway.mode).toBe('refuse');
  });

  it('does not support the note\'s "1s, 4s, 16s" nor its "~21 s" of retries', () => {
    const { samples, grouping } = fit;
    const backoff = checkBackoffClaim('1,4,16', [1_000, 4_000, 16_000], samples, grouping.batches);
    expect(backoff.supported).toBe(false);
    expect(backoff.reasons.join('\n')).toContain('the claimed 16 s never happens');
    const window = checkRetryWindowClaim('21s', 21_000, grouping.batches);
    expect(window.supported).toBe(false);
    expect(window.reasons[0]).toContain('4-6 s');
  });

  it('supports what the log shows: sleeps of 1 s and 4 s, 5 s from first to last attempt', () => {
    const { samples, grouping } = fit;
    expect(checkBackoffClaim('1,4', [1_000, 4_000], samples, grouping.batches).supported).toBe(
      true,
    );
    expect(checkBackoffClaim('1,2', [1_000, 2_000], samples, grouping.batches).supported).toBe(
      false,
    );
    expect(checkRetryWindowClaim('5s', 5_000, grouping.batches).supported).toBe(true);
  });

  it('replays a scenario whose failed writes fall in the same seconds as the log', () => {
    const fitted = fitScenario(fit, 'fit-seed-excerpt');
    expect(fitted.scenario.profile).toBe('kubernaut-2026-01-04');
    const { rows } = predict(fit, fitted);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.agrees)).toBe(true);
  });
});
