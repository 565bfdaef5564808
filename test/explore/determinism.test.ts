// One seed drives everything: the same seed must give the same matrix, the same JSON bytes and
// the same timeline, or a counterexample printed by CI could not be replayed on a laptop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variationArbitrary } from '../../src/explore/arbitrary.ts';
import { validate } from '../../src/explore/validate.ts';
import { fileURLToPath } from 'node:url';
import { runOnce } from '../../src/explore/run.ts';
import { validateJson } from '../../src/report/json.ts';
import { fixesFor } from '../../src/scenario/fixes.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
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

  it('gives a run the same outcome whatever ran before it (caches, re-armed timers)', () => {
    // The seed's four processes, one process with an outage, and a store whose retry sleeps
    // ignore Close: every fix of each, several variations.
    const files = [
      'workflowexecution-ci-20696658360.json',
      'single-process-outage.json',
      'cases/15-otel-python-uncancellable-retry-backoff.buggy.json',
    ].map((name) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)));
    const shared = files.map((file) => loadScenarioFile(file));
    const runs = shared.flatMap((scenario, s) =>
      fixesFor(scenario).flatMap((fix) =>
        fc
          .sample(variationArbitrary(scenario), { seed: 11, numRuns: 6 })
          .map((variation) => ({ s, fix: fix.name, variation })),
      ),
    );
    const outcomeOf = (scenarios: typeof shared, { s, fix, variation }: (typeof runs)[number]) => {
      const scenario = scenarios[s]!;
      const { sim, findings } = runOnce(
        scenario,
        fixesFor(scenario).find((f) => f.name === fix)!,
        variation,
      );
      return { sim, findings };
    };

    // Warm caches in one order, then the runs again in the reverse order on the same objects,
    // against each run on scenarios loaded afresh (every cache cold).
    const warm = runs.map((r) => outcomeOf(shared, r));
    const reversed = [...runs]
      .reverse()
      .map((r) => outcomeOf(shared, r))
      .reverse();
    const cold = runs.map((r) =>
      outcomeOf(
        files.map((file) => loadScenarioFile(file)),
        r,
      ),
    );

    expect(reversed).toEqual(warm);
    expect(cold).toEqual(warm);
    expect(new Set(warm.map((o) => o.sim.steps)).size).toBeGreaterThan(runs.length / 4);
  });

  it('keeps the generated variations of a seed identical from one sampling to the next', () => {
    const sample = () => fc.sample(variationArbitrary(SEED_SCENARIO), { seed: 9, numRuns: 50 });

    expect(sample()).toEqual(sample());
  });
});
