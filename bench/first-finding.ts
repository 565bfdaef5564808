// How soon each strategy finds a violation: the runs (or, for the exhaustive search, the schedule)
// and CPU time up to the first run that shows it, as a median over several fast-check seeds.
import fc from 'fast-check';
import { variationArbitrary, type Strategy } from '../src/explore/arbitrary.ts';
import { exhaustive } from '../src/explore/exhaustive.ts';
import { runOnce, type VerdictId } from '../src/explore/run.ts';
import { strategyFor } from '../src/explore/validate.ts';
import type { Fix } from '../src/scenario/fixes.ts';
import type { Scenario } from '../src/scenario/load.ts';
import { SEED, cpuSeconds, median } from './measure.ts';

/** Runs a sampled strategy may take before it counts as not finding the violation. */
export const FIRST_CAP = 5_000;
/** Seeds each sampled strategy is tried with; the cell shows the median over them. */
export const FIRST_SEEDS = 5;

/** What one strategy took to the first violation; `runs` is null when it found none. */
export interface FirstFinding {
  readonly runs: number | null;
  readonly ms: number;
  readonly text: string;
}

function violates(scenario: Scenario, fix: Fix, verdict: VerdictId | null) {
  return (v: Parameters<typeof runOnce>[2]) =>
    runOnce(scenario, fix, v).findings.some((f) => verdict === null || f.verdict === verdict);
}

function exhaustiveFirst(
  scenario: Scenario,
  fix: Fix,
  preemptions: number,
  verdict: VerdictId | null,
): FirstFinding {
  let report: ReturnType<typeof exhaustive> | undefined;
  const seconds = cpuSeconds(() => {
    report = exhaustive(scenario, fix, { preemptions, maxSchedules: FIRST_CAP });
  });
  const { counterexamples, runs, search } = report!;
  const ms = seconds * 1_000;
  const found = counterexamples.find((c) => verdict === null || c.verdict === verdict);
  if (found === undefined) {
    return { runs: null, ms, text: `none in ${runs}${search.complete ? ' (all)' : ''}` };
  }
  const at = found.schedule!.index;
  return { runs: at, ms, text: `schedule ${at} of ${runs} (${ms.toFixed(0)} ms for all)` };
}

/** Runs and CPU ms of one seed up to the first run that violates `verdict` (any when null). */
function sampledFirst(
  scenario: Scenario,
  fix: Fix,
  strategy: Strategy,
  verdict: VerdictId | null,
  seed: number,
): { runs: number | null; ms: number } {
  let runs = 0;
  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
  const fails = violates(scenario, fix, verdict);
  const property = fc.property(arbitrary, (v) => {
    runs++;
    return !fails(v);
  });
  let failed = false;
  const seconds = cpuSeconds(() => {
    failed = fc.check(property, { seed, numRuns: FIRST_CAP, endOnFailure: true }).failed;
  });
  return { runs: failed ? runs : null, ms: seconds * 1_000 };
}

/** The first violation under `strategy`: the median over FIRST_SEEDS seeds when sampled. */
export function firstFinding(
  scenario: Scenario,
  fix: Fix,
  strategy: Strategy,
  verdict: VerdictId | null,
): FirstFinding {
  if (strategy.kind === 'exhaustive') {
    return exhaustiveFirst(scenario, fix, strategy.preemptions, verdict);
  }
  const tries = Array.from({ length: FIRST_SEEDS }, (_, i) =>
    sampledFirst(scenario, fix, strategy, verdict, SEED + i),
  );
  const found = tries.filter((t) => t.runs !== null);
  if (found.length === 0) return { runs: null, ms: 0, text: `none in ${FIRST_CAP}` };
  // A seed that found nothing counts as more than the cap, and its time as the time the cap took:
  // both medians are over every seed, so the median stays honest.
  const runs = median(tries.map((t) => t.runs ?? Infinity));
  const ms = median(tries.map((t) => t.ms));
  const seeds =
    found.length < tries.length ? `; found at ${found.length} of ${tries.length} seeds` : '';
  const text = Number.isFinite(runs)
    ? `${runs} ${runs === 1 ? 'run' : 'runs'}, ${ms.toFixed(1)} ms${seeds}`
    : `> ${FIRST_CAP}${seeds}`;
  return { runs: Number.isFinite(runs) ? runs : null, ms, text };
}

/**
 * The strategies that needed the fewest runs, or "all" when every one did. A schedule of the
 * exhaustive search is one run, so its index counts as its runs.
 */
export function fastest(labels: readonly string[], findings: readonly FirstFinding[]): string {
  const found = findings.filter((f) => f.runs !== null).map((f) => f.runs!);
  if (found.length === 0) return 'none';
  const fewest = Math.min(...found);
  const best = labels.filter((_, i) => findings[i]!.runs === fewest);
  const runs = `${fewest} ${fewest === 1 ? 'run' : 'runs'}`;
  return best.length === labels.length ? `all, ${runs}` : `${best.join(', ')}, ${runs}`;
}
