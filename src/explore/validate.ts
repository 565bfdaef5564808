// The main job: every fix through the same exploration of a scenario. Counts, per fix, the runs
// that violate each property, then shrinks the first violating run of each property with
// fast-check and keeps it as a replayable counterexample. Results are data; src/report renders.
import fc from 'fast-check';
import { PROPERTY_IDS } from '../check/property.ts';
import { MARK_IDS, type MarkId } from '../model/marks.ts';
import { describePlan } from '../model/teardown.ts';
import type { Fix } from '../scenario/fixes.ts';
import { baselinePlan, type Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';
import { variationArbitrary } from './arbitrary.ts';
import { encodeCase } from './case-code.ts';
import { runOnce, teardownMs, type VerdictId } from './run.ts';

export const VERDICT_IDS: readonly VerdictId[] = [...PROPERTY_IDS, 'livelock'];

export interface ValidateOptions {
  readonly runs: number;
  readonly seed: number;
  /** Called after every run of the counting pass, for progress display. */
  readonly onProgress?: (progress: { fix: string; done: number; total: number }) => void;
}

export interface Counterexample {
  readonly fix: string;
  readonly verdict: VerdictId;
  /** The first finding of that verdict in the shrunk run. */
  readonly message: string;
  readonly atMs: number;
  readonly variation: Variation;
  /** `--case` value for `audit-race replay`. */
  readonly caseCode: string;
  /** fast-check's replay coordinates of the shrunk run. */
  readonly fastCheck: { readonly seed: number; readonly path: string };
  /** What the shrunk run kept: events emitted, processes, decisions it took. */
  readonly kept: {
    readonly events: number;
    readonly processes: number;
    readonly decisions: number;
  };
}

export interface FixReport {
  readonly fix: string;
  readonly summary: string;
  readonly plan: string;
  readonly runs: number;
  /** Per verdict, how many runs had at least one finding of it. */
  readonly violations: Readonly<Record<VerdictId, number>>;
  /** What the teardown costs, virtual ms: last spec end to the last process exit. */
  readonly teardownMs: { readonly median: number; readonly p95: number; readonly max: number };
  readonly counterexamples: readonly Counterexample[];
  /** Per coverage mark, how many runs reached it (src/model/marks.ts). */
  readonly coverage: Readonly<Record<MarkId, number>>;
}

export interface ValidateResult {
  readonly scenario: string;
  readonly profile: string;
  readonly seed: number;
  readonly runs: number;
  readonly fixes: readonly FixReport[];
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function zeroCounts(): Record<VerdictId, number> {
  return Object.fromEntries(VERDICT_IDS.map((id) => [id, 0])) as Record<VerdictId, number>;
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
  const property = fc.property(variationArbitrary(scenario), (v) => !violates(v));
  const details = fc.check(property, {
    seed: options.seed,
    path: String(index),
    numRuns: options.runs,
  });
  const variation = details.counterexample?.[0];
  if (!details.failed || variation === undefined || details.counterexamplePath === null) {
    throw new Error(`run ${index} of fix ${fix.name} no longer shows ${verdict} when replayed`);
  }
  const outcome = runOnce(scenario, fix, variation);
  const finding = outcome.findings.find((f) => f.verdict === verdict)!;
  const events = outcome.sim.history.calls.filter((c) => c.call === 'storeAudit').length;
  const processes = outcome.spec.processes.filter((p) => p.events.length > 0).length;
  return {
    fix: fix.name,
    verdict,
    message: finding.message,
    atMs: finding.atMs,
    variation,
    caseCode: encodeCase(variation),
    fastCheck: { seed: options.seed, path: details.counterexamplePath },
    kept: { events, processes, decisions: outcome.sim.decisions },
  };
}

export function validateFix(scenario: Scenario, fix: Fix, options: ValidateOptions): FixReport {
  const violations = zeroCounts();
  const firstIndex = new Map<VerdictId, number>();
  const durations: number[] = [];
  const coverage = Object.fromEntries(MARK_IDS.map((id) => [id, 0])) as Record<MarkId, number>;
  let index = 0;

  const count = fc.property(variationArbitrary(scenario), (variation) => {
    const outcome = runOnce(scenario, fix, variation);
    const seen = new Set(outcome.findings.map((f) => f.verdict));
    for (const verdict of seen) {
      violations[verdict]++;
      if (!firstIndex.has(verdict)) firstIndex.set(verdict, index);
    }
    durations.push(teardownMs(outcome.sim.history));
    for (const id of outcome.sim.history.marks.keys()) coverage[id as MarkId]++;
    index++;
    options.onProgress?.({ fix: fix.name, done: index, total: options.runs });
    return true;
  });
  fc.check(count, { seed: options.seed, numRuns: options.runs });

  const counterexamples = VERDICT_IDS.filter((v) => firstIndex.has(v)).map((verdict) =>
    shrink(scenario, fix, verdict, firstIndex.get(verdict)!, options),
  );
  durations.sort((a, b) => a - b);
  return {
    fix: fix.name,
    summary: fix.summary,
    plan: describePlan(fix.plan(baselinePlan(scenario))),
    runs: index,
    violations,
    teardownMs: {
      median: percentile(durations, 0.5),
      p95: percentile(durations, 0.95),
      max: durations.at(-1) ?? 0,
    },
    counterexamples,
    coverage,
  };
}

export function validate(scenario: Scenario, fixes: readonly Fix[], options: ValidateOptions) {
  const reports = fixes.map((fix) => validateFix(scenario, fix, options));
  const result: ValidateResult = {
    scenario: scenario.name,
    profile: scenario.profile,
    seed: options.seed,
    runs: options.runs,
    fixes: reports,
  };
  return result;
}
