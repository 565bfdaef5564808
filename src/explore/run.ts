// One run of a scenario under a fix and a variation, with its verdicts. The one place where a
// simulation result meets the properties; exploration, replay and the tests all go through here.
import { findingsOf, type Finding } from '../check/findings.ts';
import type { History } from '../model/history.ts';
import { simulate, type RunSpec, type SimResult } from '../model/suite.ts';
import { TapeDecisions, type DecisionSource } from '../sim/decisions.ts';
import { PctDecisions } from '../sim/pct.ts';
import type { Fix } from '../scenario/fixes.ts';
import { resolveRun, type Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';

export type { Finding, VerdictId } from '../check/findings.ts';

export interface RunOutcome {
  readonly spec: RunSpec;
  readonly sim: SimResult;
  readonly findings: readonly Finding[];
}

/** The decision source a variation asks for: its tape, or PCT seeded by it. */
export function decisionsFor(variation: Variation): DecisionSource {
  if (variation.pctDepth === undefined) return new TapeDecisions(variation.tape);
  const [seed = 0, ...changePoints] = variation.tape;
  return new PctDecisions(seed, changePoints);
}

export function runOnce(scenario: Scenario, fix: Fix, variation: Variation): RunOutcome {
  return runOnceWith(scenario, fix, variation, decisionsFor(variation));
}

/** runOnce with the decision source given by the caller (a search that records options). */
export function runOnceWith(
  scenario: Scenario,
  fix: Fix,
  variation: Variation,
  decisions: DecisionSource,
): RunOutcome {
  const spec = resolveRun(scenario, fix, variation);
  const sim = simulate(spec, decisions);
  const findings = findingsOf(sim.history);
  return { spec, sim, findings };
}

/**
 * What the teardown costs the suite: virtual ms from the moment the last process finished its
 * specs (its first teardown step) to the end of the run, when every process has exited.
 */
export function teardownMs(history: History): number {
  const firstStepOf = new Map<number, number>();
  for (const step of history.teardownSteps) {
    if (!firstStepOf.has(step.process)) firstStepOf.set(step.process, step.startMs);
  }
  if (firstStepOf.size === 0) return 0;
  return history.endMs - Math.max(...firstStepOf.values());
}
