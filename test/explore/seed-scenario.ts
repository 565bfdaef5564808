// The seed's CI run as the explore tests load it: one scenario file, its fixes, and a helper
// that renders one run's timeline the way `audit-race replay` prints it.
import { fileURLToPath } from 'node:url';
import { runOnce, type RunOutcome } from '../../src/explore/run.ts';
import { timelineLines } from '../../src/report/timeline.ts';
import { findFix, fixesFor } from '../../src/scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../../src/scenario/load.ts';
import type { Variation } from '../../src/scenario/resolve.ts';

export const SEED_SCENARIO_FILE = fileURLToPath(
  new URL('../../scenarios/workflowexecution-ci-20696658360.json', import.meta.url),
);

export const SEED_SCENARIO: Scenario = loadScenarioFile(SEED_SCENARIO_FILE);

export const SEED_FIXES = fixesFor(SEED_SCENARIO);

/** One run of `scenario` under the fix named `fixName`, with its rendered timeline. */
export function replay(
  scenario: Scenario,
  fixName: string,
  variation: Variation,
): { outcome: RunOutcome; timeline: string } {
  const outcome = runOnce(scenario, findFix(scenario, fixName), variation);
  return { outcome, timeline: timelineLines(outcome.sim.history).join('\n') };
}
