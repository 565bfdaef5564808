// How often each strategy puts a run in each coverage mark's situation: a strategy that never
// reaches a situation proves nothing about the property that is about it.
import fc from 'fast-check';
import { variationArbitrary, type Strategy } from '../src/explore/arbitrary.ts';
import { exhaustive } from '../src/explore/exhaustive.ts';
import { runOnce } from '../src/explore/run.ts';
import { strategyFor } from '../src/explore/validate.ts';
import { MARK_IDS, unreachableMarks, type MarkId } from '../src/model/marks.ts';
import { baselinePlan, type Fix } from '../src/scenario/fixes.ts';
import type { Scenario } from '../src/scenario/load.ts';
import { storeKnobs } from '../src/scenario/resolve.ts';
import { SEED } from './measure.ts';

export interface Coverage {
  /** Runs (or schedules) explored. */
  readonly runs: number;
  /** The exhaustive search explored every schedule within its bound (sampled: always false). */
  readonly complete: boolean;
  /** Per mark, the runs that reached it; absent for a mark this store and plan cannot reach. */
  readonly reached: ReadonlyMap<MarkId, number>;
}

/**
 * The coverage marks `runs` runs of `strategy` reach. The exhaustive search is not sampled: it
 * explores its schedules up to `maxSchedules`, all of them when the bound allows fewer.
 */
export function coverageOf(
  scenario: Scenario,
  fix: Fix,
  strategy: Strategy,
  runs: number,
  maxSchedules: number,
): Coverage {
  const impossible = unreachableMarks(storeKnobs(scenario, fix), fix.plan(baselinePlan(scenario)));
  const reached = new Map<MarkId, number>();
  for (const id of MARK_IDS) if (!impossible.includes(id)) reached.set(id, 0);

  if (strategy.kind === 'exhaustive') {
    const report = exhaustive(scenario, fix, {
      preemptions: strategy.preemptions,
      maxSchedules,
    });
    for (const id of reached.keys()) reached.set(id, report.coverage[id]);
    return { runs: report.runs, complete: report.search.complete, reached };
  }

  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
  for (const v of fc.sample(arbitrary, { seed: SEED, numRuns: runs })) {
    for (const id of runOnce(scenario, fix, v).sim.history.marks.keys()) {
      const count = reached.get(id as MarkId);
      if (count !== undefined) reached.set(id as MarkId, count + 1);
    }
  }
  return { runs, complete: false, reached };
}
