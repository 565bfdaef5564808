// One seed drives everything: the same seed must give the same matrix, the same JSON bytes and
// the same timeline, or a counterexample printed by CI could not be replayed on a laptop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variationArbitrary } from '../../src/explore/arbitrary.ts';
import { validate } from '../../src/explore/validate.ts';
import { validateJson } from '../../src/report/json.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { replay, SEED_FIXES, SEED_SCENARIO } from './seed-scenario.ts';

const TARGET = { command: 'npx audit-race', scenarioArg: null };

describe('determinism of exploration', () => {
  it('gives an equal result and byte-identical JSON when validate runs twice on a seed', () => {
    const options = { runs: 150, seed: 20_696_658 };

    const first = validate(SEED_SCENARIO, SEED_FIXES, options);
    const second = validate(SEED_SCENARIO, SEED_FIXES, options);

    expect(second).toEqual(first);
    expect(validateJson(second, TARGET)).toBe(validateJson(first, TARGET));
    expect(first.fixes.map((f) => f.fix)).toEqual(SEED_FIXES.map((f) => f.name));
  });

  it('renders a byte-identical timeline and equal findings when a variation runs twice', () => {
    const variations = [
      zeroVariation(SEED_SCENARIO),
      ...fc.sample(variationArbitrary(SEED_SCENARIO), { seed: 4, numRuns: 15 }),
    ];

    for (const fix of SEED_FIXES) {
      for (const variation of variations) {
        const first = replay(SEED_SCENARIO, fix.name, variation);
        const second = replay(SEED_SCENARIO, fix.name, variation);
        expect(second.timeline).toBe(first.timeline);
        expect(second.outcome.findings).toEqual(first.outcome.findings);
        expect(second.outcome.sim.steps).toBe(first.outcome.sim.steps);
      }
    }
  });

  it('keeps the generated variations of a seed identical from one sampling to the next', () => {
    const sample = () => fc.sample(variationArbitrary(SEED_SCENARIO), { seed: 9, numRuns: 50 });

    expect(sample()).toEqual(sample());
  });
});
