// fast-check's own replay coordinates, a seed and a path, back to the variation they name: the
// same arbitrary, the same strategy, no further shrinking. The `--seed/--path` route of replay.
import fc from 'fast-check';
import type { Fix } from '../scenario/fixes.ts';
import type { Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { RANDOM, variationArbitrary, type Strategy } from './arbitrary.ts';
import { MAX_RUNS, strategyFor } from './validate.ts';

/** What a path looks like as validate prints it: a run index, then one index per shrink step. */
const PATH_SHAPE = /^(0|[1-9]\d*)(:(0|[1-9]\d*))*$/;

const NOT_A_PATH = 'not a fast-check path (whole numbers without leading zeros, joined by ":")';
const NO_SUCH_RUN = 'fast-check finds no run at that path for this scenario, fix and strategy';
const EXPECTED =
  'Expected the fast-check path validate printed, like 0:3:1, ' +
  'with the scenario, --fix, --profile, --strategy and --depth that validate ran with.';

function invalidPath(seed: number, path: string, why: string): AuditRaceError {
  const shown = path.length > 40 ? `${path.slice(0, 40)}...` : path;
  return new AuditRaceError(
    'REPLAY_INVALID',
    `--seed ${seed} --path "${shown}": ${why}. ${EXPECTED}`,
  );
}

export function variationAt(
  scenario: Scenario,
  fix: Fix,
  seed: number,
  path: string,
  strategy: Strategy = RANDOM,
): Variation {
  // fast-check reads an empty path as "no path" and replays run 0 quietly; a typo like "0;3" or
  // "-1" would throw from deep inside it or land on another run.
  if (!PATH_SHAPE.test(path) || !path.split(':').every((s) => Number.isSafeInteger(Number(s)))) {
    throw invalidPath(seed, path, NOT_A_PATH);
  }
  // fast-check walks through every run before the path's first index: a huge index is a hang.
  const runIndex = Number(path.split(':')[0]);
  if (runIndex >= MAX_RUNS) {
    const why =
      `its run index ${runIndex} is past the last run validate explores ` +
      `(--runs is at most ${MAX_RUNS}, so run indexes go up to ${MAX_RUNS - 1})`;
    throw invalidPath(seed, path, why);
  }
  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
  const property = fc.property(arbitrary, () => false);
  const numRuns = Number.MAX_SAFE_INTEGER;
  let details;
  try {
    details = fc.check(property, { seed, path, endOnFailure: true, numRuns });
  } catch (error) {
    // fast-check throws when a shrink step of the path does not exist: a path longer, or
    // with a larger index, than this scenario's runs can be shrunk along.
    if (!(error instanceof Error) || !error.message.startsWith('Unable to replay')) throw error;
    throw invalidPath(seed, path, NO_SUCH_RUN);
  }
  const value = details.counterexample?.[0] as Variation | undefined;
  if (value === undefined) {
    throw invalidPath(seed, path, NO_SUCH_RUN);
  }
  return value;
}
