// The main job: every fix through the same exploration of a scenario. Counts, per fix, the runs
// that violate each property, then shrinks the first violating run of each property with
// fast-check and keeps it as a replayable counterexample. Results are data; src/report renders.
import fc from 'fast-check';
import type { Fix } from '../scenario/fixes.ts';
import { zeroVariation, type Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { DecisionSource } from '../sim/decisions.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { RANDOM, variationArbitrary, type Strategy } from './arbitrary.ts';
import { exhaustive } from './exhaustive.ts';
import {
  Tally,
  VERDICT_IDS,
  counterexampleOf,
  type Counterexample,
  type FixReport,
  type ValidateResult,
} from './results.ts';
import { runOnce, runOnceWith, type VerdictId } from './run.ts';

/** Where a fix's exploration stands: runs done of total, and how many violated a property. */
export interface Progress {
  readonly fix: string;
  readonly done: number;
  readonly total: number;
  readonly violating: number;
}

/**
 * The most runs per fix (--runs) validate explores, and so one more than the largest run index a
 * fast-check path it prints can start with. A named limit: one fix takes hours at it already, and
 * replaying a path walks fast-check through every run before the index (a second per few million).
 */
export const MAX_RUNS = 1_000_000;

export interface ValidateOptions {
  /** Runs per fix, at most MAX_RUNS; for the exhaustive search, the most schedules per fix. */
  readonly runs: number;
  readonly seed: number;
  /** How schedules are drawn; uniform random tapes by default. */
  readonly strategy?: Strategy;
  /** Called after every run of the counting pass, for progress display. */
  readonly onProgress?: (progress: Progress) => void;
}

export type { Counterexample, FixReport, ValidateResult } from './results.ts';
export { VERDICT_IDS } from './results.ts';

/** The first-come schedule, counting the goroutine picks PCT places its change points among. */
class CountingPicks implements DecisionSource {
  taken = 0;
  picks = 0;

  choose(): number {
    return 0;
  }

  pickGoroutine(): number {
    this.picks++;
    return 0;
  }
}

/**
 * The strategy with PCT's step count filled in: PCT draws its change points among the goroutine
 * picks of a run, estimated from the scenario as written.
 */
export function strategyFor(scenario: Scenario, fix: Fix, strategy: Strategy = RANDOM): Strategy {
  if (strategy.kind !== 'pct' || strategy.steps > 0) return strategy;
  const picks = new CountingPicks();
  runOnceWith(scenario, fix, zeroVariation(scenario), picks);
  return { ...strategy, steps: Math.max(picks.picks, 1) };
}

/** Shrinks the run at `index` of the counting pass to a minimal one that still shows `verdict`. */
function shrink(
  scenario: Scenario,
  fix: Fix,
  verdict: VerdictId,
  index: number,
  options: ValidateOptions,
): Counterexample {
  const violates = (v: Variation) =>
    runOnce(scenario, fix, v).findings.some((f) => f.verdict === verdict);
  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, options.strategy));
  const property = fc.property(arbitrary, (v) => !violates(v));
  const details = fc.check(property, {
    seed: options.seed,
    path: String(index),
    numRuns: options.runs,
  });
  const variation = details.counterexample?.[0];
  if (!details.failed || variation === undefined || details.counterexamplePath === null) {
    throw new AuditRaceError(
      'INTERNAL',
      `Run ${index} of fix ${fix.name} showed ${verdict} once but not when replayed: ` +
        'a run is not ' +
        `deterministic. Please report it with the scenario and seed ${options.seed}.`,
    );
  }
  const path = details.counterexamplePath;
  const pct =
    options.strategy?.kind === 'pct' ? ` (--strategy pct --depth ${options.strategy.depth})` : '';
  const found = {
    fastCheck: { seed: options.seed, path },
    schedule: null,
    origin: `fast-check seed ${options.seed} path ${path}${pct}`,
  };
  const outcome = runOnce(scenario, fix, variation);
  return counterexampleOf(scenario, outcome, fix.name, verdict, variation, found);
}

/** Explores one fix with the options' strategy: sampled by fast-check, or exhaustively. */
export function validateFix(scenario: Scenario, fix: Fix, options: ValidateOptions): FixReport {
  const strategy = options.strategy ?? RANDOM;
  if (strategy.kind === 'exhaustive') {
    return exhaustive(scenario, fix, {
      preemptions: strategy.preemptions,
      maxSchedules: options.runs,
      onProgress: (done, violating) =>
        options.onProgress?.({ fix: fix.name, done, total: options.runs, violating }),
    });
  }

  const tally = new Tally();
  const firstIndex = new Map<VerdictId, number>();
  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
  const count = fc.property(arbitrary, (variation) => {
    const index = tally.runs;
    for (const verdict of tally.add(runOnce(scenario, fix, variation))) {
      if (!firstIndex.has(verdict)) firstIndex.set(verdict, index);
    }
    const { runs: done, violatingRuns: violating } = tally;
    options.onProgress?.({ fix: fix.name, done, total: options.runs, violating });
    return true;
  });
  fc.check(count, { seed: options.seed, numRuns: options.runs });

  const counterexamples = VERDICT_IDS.filter((v) => firstIndex.has(v)).map((verdict) =>
    shrink(scenario, fix, verdict, firstIndex.get(verdict)!, options),
  );
  return tally.report(scenario, fix, counterexamples);
}

export function validate(
  scenario: Scenario,
  fixes: readonly Fix[],
  options: ValidateOptions,
): ValidateResult {
  return {
    scenario: scenario.name,
    profile: scenario.profile,
    seed: options.seed,
    runs: options.runs,
    fixes: fixes.map((fix) => validateFix(scenario, fix, options)),
  };
}
