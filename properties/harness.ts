// What every property suite shares: the seed scenario, one fixed fast-check seed and run count
// (overridable from the environment, so a failure found in CI replays locally), the exploration
// of one fix against one verdict, and the test blocks that pin what the model must show.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variationArbitrary } from '../src/explore/arbitrary.ts';
import { encodeCase } from '../src/explore/case-code.ts';
import { runOnce, type VerdictId } from '../src/explore/run.ts';
import { fixesFor, type Fix } from '../src/scenario/fixes.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { Variation } from '../src/scenario/resolve.ts';

/** The seed's CI run, as a user types its path from the repository root. */
export const SCENARIO_PATH = 'scenarios/workflowexecution-ci-20696658360.json';

export const SCENARIO = loadScenarioFile(
  fileURLToPath(new URL(`../${SCENARIO_PATH}`, import.meta.url)),
);

/** Every fix the CLI offers for the seed scenario: the built-in ones and the scenario's own. */
export const FIXES: readonly Fix[] = fixesFor(SCENARIO);

function envNatural(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}".`);
  return Number(raw);
}

/** The fast-check seed of every suite in properties/ (the CLI's default seed, too). */
export const SEED = envNatural('AUDIT_RACE_SEED', 1);

/** Runs per fix and property: the whole folder stays under a minute on two cores. */
export const RUNS = envNatural('AUDIT_RACE_RUNS', 500);

/** Runs per fix of the coverage pass, which only measures and is cheaper per run. */
export const COVERAGE_RUNS = envNatural('AUDIT_RACE_COVERAGE_RUNS', 3_000);

export type Exploration = fc.RunDetails<[Variation]>;

/** fast-check's search for a run of `fix` that shows `verdict`, from the fixed seed. */
export function explore(fix: Fix, verdict: VerdictId): Exploration {
  const violates = (v: Variation) =>
    runOnce(SCENARIO, fix, v).findings.some((f) => f.verdict === verdict);
  const property = fc.property(variationArbitrary(SCENARIO), (v) => !violates(v));
  return fc.check(property, { seed: SEED, numRuns: RUNS });
}

/** The command that replays a counterexample, as `audit-race validate` prints it. */
export function replayCommand(fix: Fix, variation: Variation): string {
  return `npx audit-race replay ${SCENARIO_PATH} --fix ${fix.name} --case ${encodeCase(variation)}`;
}

/** Everything a user needs to reproduce an unexpected violation, to paste into an issue. */
export function violationReport(fix: Fix, verdict: VerdictId, details: Exploration): string {
  const where =
    `fast-check seed ${details.seed}, counterexamplePath "${details.counterexamplePath}", ` +
    `after ${details.numRuns} runs`;
  const variation = details.counterexample?.[0];
  if (variation === undefined) {
    const error = String(details.errorInstance);
    return `fix ${fix.name}: exploring ${verdict} threw (${where}): ${error}`;
  }
  const finding = runOnce(SCENARIO, fix, variation).findings.find((f) => f.verdict === verdict);
  return [
    `fix ${fix.name} violates ${verdict} (${where}):`,
    `  ${finding?.message ?? '(the shrunk run no longer shows it)'}`,
    `replay: ${replayCommand(fix, variation)}`,
    `rerun: AUDIT_RACE_SEED=${SEED} AUDIT_RACE_RUNS=${RUNS} npx vitest run properties`,
  ].join('\n');
}

function missedReport(fix: Fix, verdict: VerdictId): string {
  return (
    `fix ${fix.name}: ${RUNS} runs from fast-check seed ${SEED} never showed ${verdict}, which ` +
    'the model must show for this fix: the generator did not reach the race.'
  );
}

/** What the spec says a fix must show for a verdict on the seed scenario. */
export type Expectation = 'holds' | 'violated';

/** Per verdict, per fix name: the pinned expectations of one property family. */
export type Pins = Readonly<Partial<Record<VerdictId, Readonly<Record<string, Expectation>>>>>;

/**
 * One test per fix and verdict of a family. A pinned `holds` fails with the replay command of
 * the counterexample; a pinned `violated` fails when exploration never finds one. A pair
 * without a pin (a fix the scenario gained later) fails until someone pins it with a reason.
 */
export function describeFamily(verdicts: readonly VerdictId[], pins: Pins): void {
  it('pins only fixes the seed scenario offers', () => {
    const offered = FIXES.map((f) => f.name);
    const pinned = verdicts.flatMap((v) => Object.keys(pins[v] ?? {}));
    expect(offered).toEqual(expect.arrayContaining(pinned));
  });

  for (const fix of FIXES) {
    describe(`fix ${fix.name}`, () => {
      for (const verdict of verdicts) describePair(fix, verdict, pins[verdict]?.[fix.name]);
    });
  }
}

function describePair(fix: Fix, verdict: VerdictId, pin: Expectation | undefined): void {
  if (pin === 'holds') {
    it(`${verdict} holds in every explored run`, () => {
      const details = explore(fix, verdict);
      if (details.failed) expect.fail(violationReport(fix, verdict, details));
    });
  } else if (pin === 'violated') {
    it(`exploration finds a ${verdict} violation`, () => {
      expect(explore(fix, verdict).failed, missedReport(fix, verdict)).toBe(true);
    });
  } else {
    it(`${verdict} is pinned`, () => {
      const details = explore(fix, verdict);
      const outcome = details.failed ? violationReport(fix, verdict, details) : 'it held';
      expect.fail(
        `fix ${fix.name} has no expectation for ${verdict} (exploration: ${outcome}); pin it ` +
          "as 'holds' or 'violated' with a one-line reason grounded in the model spec",
      );
    });
  }
}
