// What the report tests render: a small validate of the seed's CI run (a failing fix, the
// synchronized stop and the scenario's own passing fix) and the seed run replayed as written.
import { runOnce } from '../../src/explore/run.ts';
import { validate, type Counterexample } from '../../src/explore/validate.ts';
import type { ReplayTarget } from '../../src/report/matrix.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { SEED_SCENARIO } from '../explore/seed-scenario.ts';

export const TARGET: ReplayTarget = { command: 'npx audit-race', scenarioArg: null };

const FIXES = ['baseline', 'E', 'cancel-first+A+E'].map((n) => findFix(SEED_SCENARIO, n));

export const RESULT = validate(SEED_SCENARIO, FIXES, { runs: 30, seed: 1 });

/** A counterexample replayed, as the CLI does for the Markdown report. */
export function replayCounterexample(c: Counterexample) {
  const outcome = runOnce(SEED_SCENARIO, findFix(SEED_SCENARIO, c.fix), c.variation);
  return { history: outcome.sim.history, findings: outcome.findings };
}

/** The seed's CI run as written, under its own teardown: writes after the stop, ERROR lines. */
export const SEED_RUN = runOnce(SEED_SCENARIO, FIXES[0]!, zeroVariation(SEED_SCENARIO));
