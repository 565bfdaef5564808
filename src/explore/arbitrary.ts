// The fast-check arbitrary of a scenario's variations. Every field shrinks towards the scenario as
// written (no shift, no late events, its own latencies, an empty tape), so a counterexample
// shrinks to the smallest departure from the scenario that still fails.
import fc from 'fast-check';
import type { LateBurst, Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';

function shift(jitterMs: number): fc.Arbitrary<number> {
  return jitterMs === 0 ? fc.constant(0) : fc.integer({ min: -jitterMs, max: jitterMs });
}

/** A value from the range, or null for the scenario's own value: null is the shrink target. */
function optionalRange(range: readonly [number, number] | undefined) {
  if (range === undefined) return fc.constant(null);
  return fc.option(fc.integer({ min: range[0], max: range[1] }), { nil: null });
}

function lateBursts(withinMs: number): fc.Arbitrary<LateBurst[]> {
  if (withinMs === 0) return fc.constant([]);
  const burst = fc.record({
    afterSpecEndMs: fc.integer({ min: 0, max: withinMs }),
    count: fc.integer({ min: 1, max: 3 }),
  });
  return fc.array(burst, { maxLength: 2 });
}

/**
 * How schedules are drawn: `random`, a uniformly random decision tape; `pct`, PCT of the given
 * depth over about `steps` goroutine picks (its tape is a seed and depth-1 change points).
 */
export type Strategy =
  | { readonly kind: 'random' }
  | { readonly kind: 'pct'; readonly depth: number; readonly steps: number }
  /** Not sampled: every schedule of the scenario as written, up to a preemption bound. */
  | { readonly kind: 'exhaustive'; readonly preemptions: number };

export const RANDOM: Strategy = { kind: 'random' };

function scheduleArbitrary(tapeLength: number, strategy: Strategy) {
  if (strategy.kind !== 'pct') {
    // size 'max': fast-check's default size would keep tapes at about ten decisions, leaving
    // every later choice at its default and most schedules unexplored.
    const tape = fc.array(fc.nat({ max: 0xffff }), { maxLength: tapeLength, size: 'max' });
    return fc.record({ tape });
  }
  const changePoint = fc.integer({ min: 1, max: Math.max(1, strategy.steps) });
  const count = strategy.depth - 1;
  return fc
    .tuple(fc.nat(), fc.array(changePoint, { minLength: count, maxLength: count }))
    .map(([seed, points]) => ({ tape: [seed, ...points], pctDepth: strategy.depth }));
}

export function variationArbitrary(
  scenario: Scenario,
  strategy: Strategy = RANDOM,
): fc.Arbitrary<Variation> {
  const { variation, processes } = scenario;
  const jitter = shift(variation.timeJitterMs);
  const schedule = scheduleArbitrary(variation.tapeLength, strategy);
  const inputs = fc.record({
    specEndShiftMs: fc.tuple(...processes.map(() => jitter)),
    burstShiftMs: fc.tuple(...processes.map((p) => fc.tuple(...p.events.map(() => jitter)))),
    lateBursts: fc.tuple(...processes.map(() => lateBursts(variation.lateEventsWithinMs))),
    latencyMs: optionalRange(variation.latencyMs),
    managerDrainMs: optionalRange(variation.managerDrainMs),
    stopEnvMs: optionalRange(variation.stopEnvMs),
  });
  return fc.tuple(inputs, schedule).map(([v, s]): Variation => ({ ...v, ...s }));
}
