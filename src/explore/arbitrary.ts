// The fast-check arbitrary of a scenario's variations. Every field shrinks towards the scenario as
// written (no shift, no late events, its own latencies, an empty tape), so a counterexample
// shrinks to the smallest departure from the scenario that still fails.
import fc from 'fast-check';
import type { LateBurst, Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';

function shift(jitterMs: number): fc.Arbitrary<number> {
  return jitterMs === 0 ? fc.constant(0) : fc.integer({ min: -jitterMs, max: jitterMs });
}

function optionalRange(range: readonly [number, number] | undefined) {
  if (range === undefined) return fc.constant(null);
  return fc.integer({ min: range[0], max: range[1] });
}

function lateBursts(withinMs: number): fc.Arbitrary<LateBurst[]> {
  if (withinMs === 0) return fc.constant([]);
  const burst = fc.record({
    afterSpecEndMs: fc.integer({ min: 0, max: withinMs }),
    count: fc.integer({ min: 1, max: 3 }),
  });
  return fc.array(burst, { maxLength: 2 });
}

export function variationArbitrary(scenario: Scenario): fc.Arbitrary<Variation> {
  const { variation, processes } = scenario;
  const jitter = shift(variation.timeJitterMs);
  return fc.record({
    specEndShiftMs: fc.tuple(...processes.map(() => jitter)),
    burstShiftMs: fc.tuple(...processes.map((p) => fc.tuple(...p.events.map(() => jitter)))),
    lateBursts: fc.tuple(...processes.map(() => lateBursts(variation.lateEventsWithinMs))),
    latencyMs: optionalRange(variation.latencyMs),
    managerDrainMs: optionalRange(variation.managerDrainMs),
    stopEnvMs: optionalRange(variation.stopEnvMs),
    tape: fc.array(fc.nat({ max: 0xffff }), { maxLength: variation.tapeLength }),
  });
}
