// fast-check's own replay coordinates, a seed and a path, back to the variation they name: the
// same arbitrary, the same strategy, no further shrinking. The `--seed/--path` route of replay.
import fc from 'fast-check';
import type { Fix } from '../scenario/fixes.ts';
import type { Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { RANDOM, variationArbitrary, type Strategy } from './arbitrary.ts';
import { strategyFor } from './validate.ts';

export function variationAt(
  scenario: Scenario,
  fix: Fix,
  seed: number,
  path: string,
  strategy: Strategy = RANDOM,
): Variation {
  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
  const property = fc.property(arbitrary, () => false);
  const numRuns = Number.MAX_SAFE_INTEGER;
  const details = fc.check(property, { seed, path, endOnFailure: true, numRuns });
  const value = details.counterexample?.[0] as Variation | undefined;
  if (value === undefined) {
    const message = `--seed ${seed} --path ${path}: fast-check produced no value for that path.`;
    throw new AuditRaceError('REPLAY_INVALID', message);
  }
  return value;
}
