// Which backoff rule the delays between a batch's attempts support. A delay is known only within
// the timestamps' resolution: between lines printed at 17:44:21Z and 17:44:25Z the writer slept
// between 3 and 5 s. A rule fits when every delay's interval meets the sleep the rule predicts;
// the residuals say how far each measured delay is from it.
import type { ObservedBatch } from './batches.ts';

/** Scheduling and network slack allowed around every measured delay. */
export const SLACK_MS = 20;

/** The HTTP client timeout the suites use (an attempt that timed out lasted this long). */
export const CLIENT_TIMEOUT_MS = 5_000;

export interface DelaySample {
  readonly writer: string;
  /** The sleep after failed attempt `attempt` (between attempt `attempt` and the next). */
  readonly attempt: number;
  /** The sleep lies in [loMs, hiMs]; `pointMs` is the best single estimate. */
  readonly loMs: number;
  readonly hiMs: number;
  readonly pointMs: number;
}

export type RuleId = 'squared' | 'exponential' | 'exponential-jitter' | 'constant';

export interface RuleFit {
  readonly rule: RuleId;
  /** e.g. `k^2 s (1 s, 4 s, ...)`. */
  readonly description: string;
  /** The predicted sleep after attempt k, as an interval (equal ends for exact rules). */
  readonly sleepMs: (attempt: number) => readonly [number, number];
  /** True when every measured delay is consistent with the rule. */
  readonly fits: boolean;
  /** Per sample, the point estimate minus the nearest predicted value (0 inside a jitter band). */
  readonly residualsMs: readonly number[];
  readonly rmsMs: number;
  /** constant only: the fitted sleep. */
  readonly constantMs?: number;
}

/** How long an attempt lasted before its line was logged, from its error text. */
export function attemptDurationMs(error: string): number {
  return /Client\.Timeout|awaiting headers/.test(error) ? CLIENT_TIMEOUT_MS : 0;
}

/** The sleeps between consecutive attempts of each batch, with their uncertainty. */
export function delaySamples(batches: readonly ObservedBatch[]): DelaySample[] {
  const samples: DelaySample[] = [];
  for (const b of batches) {
    for (let i = 1; i < b.attempts.length; i++) {
      const [before, after] = [b.attempts[i - 1]!, b.attempts[i]!];
      if (after.attempt !== before.attempt + 1) continue;
      const gapMs = after.record.atUtcMs - before.record.atUtcMs - attemptDurationMs(after.error);
      const loMs = gapMs - before.record.resolutionMs + 1 - SLACK_MS;
      const hiMs = gapMs + after.record.resolutionMs - 1 + SLACK_MS;
      const pointMs = gapMs + (after.record.resolutionMs - before.record.resolutionMs) / 2;
      samples.push({ writer: b.writer, attempt: before.attempt, loMs, hiMs, pointMs });
    }
  }
  return samples;
}

const nominalExp = (k: number) => Math.min(1_000 * 2 ** (k - 1), 30_000);

/** The rules kubernaut's store versions used, as the model's backoff knob computes them. */
const FIXED_RULES: readonly [RuleId, string, (k: number) => readonly [number, number]][] = [
  ['squared', 'k^2 s after attempt k (1 s, 4 s, 9 s, ...)', (k) => [k * k * 1_000, k * k * 1_000]],
  [
    'exponential',
    '2^(k-1) s after attempt k, cap 30 s (1 s, 2 s, 4 s, ...)',
    (k) => [Math.max(nominalExp(k), 1_000), Math.max(nominalExp(k), 1_000)],
  ],
  [
    'exponential-jitter',
    '2^(k-1) s +/-10 % jitter, clamped to [1 s, 30 s] (1.0-1.1 s, 1.8-2.2 s, 3.6-4.4 s, ...)',
    (k) => {
      const spread = Math.round(nominalExp(k) * 0.1);
      const clamp = (ms: number) => Math.min(Math.max(ms, 1_000), 30_000);
      return [clamp(nominalExp(k) - spread), clamp(nominalExp(k) + spread)];
    },
  ],
];

function judge(
  rule: RuleId,
  description: string,
  sleepMs: (k: number) => readonly [number, number],
  samples: readonly DelaySample[],
): RuleFit {
  const residualsMs = samples.map((s) => {
    const [lo, hi] = sleepMs(s.attempt);
    return s.pointMs < lo ? s.pointMs - lo : s.pointMs > hi ? s.pointMs - hi : 0;
  });
  const fits = samples.every((s) => {
    const [lo, hi] = sleepMs(s.attempt);
    return s.hiMs >= lo && s.loMs <= hi;
  });
  const rmsMs = Math.sqrt(residualsMs.reduce((sum, r) => sum + r * r, 0) / (samples.length || 1));
  return { rule, description, sleepMs, fits, residualsMs, rmsMs };
}

/** A constant sleep: the one value every delay's interval allows, nearest to their mean. */
function constantFit(samples: readonly DelaySample[]): RuleFit {
  const lo = Math.max(...samples.map((s) => s.loMs));
  const hi = Math.min(...samples.map((s) => s.hiMs));
  const mean = samples.reduce((sum, s) => sum + s.pointMs, 0) / (samples.length || 1);
  const constantMs = Math.round(lo <= hi ? Math.min(Math.max(mean, lo), hi) : mean);
  const fit = judge(
    'constant',
    `the same sleep after every attempt (${constantMs / 1_000} s fits best)`,
    () => [constantMs, constantMs],
    samples,
  );
  return { ...fit, constantMs };
}

/** Every rule judged against the samples, the best first: fitting ones by residual, simplest. */
export function fitBackoff(samples: readonly DelaySample[]): RuleFit[] {
  const fits = [
    ...FIXED_RULES.map(([rule, text, sleep]) => judge(rule, text, sleep, samples)),
    constantFit(samples),
  ];
  return fits
    .map((fit, order) => ({ fit, order }))
    .sort(
      (a, b) =>
        Number(b.fit.fits) - Number(a.fit.fits) || a.fit.rmsMs - b.fit.rmsMs || a.order - b.order,
    )
    .map(({ fit }) => fit);
}
