// What an exploration reports, whatever the strategy: per verdict the violating runs, coverage,
// teardown cost and counterexamples. The tally is shared by the fast-check and exhaustive drivers.
import { VERDICT_IDS } from '../check/findings.ts';
import { MARK_IDS, unreachableMarks, type MarkId } from '../model/marks.ts';
import { describePlan } from '../model/teardown.ts';
import type { Fix } from '../scenario/fixes.ts';
import { baselinePlan, storeKnobs, type Variation } from '../scenario/resolve.ts';
import { scenarioEventCount } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { RunOutcome, VerdictId } from './run.ts';
import { teardownMs } from './run.ts';
import { encodeCase } from './case-code.ts';

export { VERDICT_IDS };

export interface Counterexample {
  readonly fix: string;
  readonly verdict: VerdictId;
  /** The first finding of that verdict in the shrunk run. */
  readonly message: string;
  readonly atMs: number;
  readonly variation: Variation;
  /** `--case` value for `audit-race replay`. */
  readonly caseCode: string;
  /** fast-check's replay coordinates of the shrunk run; null when no fast-check run found it
   * (the exhaustive search). */
  readonly fastCheck: { readonly seed: number; readonly path: string } | null;
  /** The exhaustive search's coordinates of the run: its schedule (1-based, in the order the
   * search ran them) and the preemptions it took; null when a fast-check run found it. */
  readonly schedule: { readonly index: number; readonly preemptions: number } | null;
  /** Where the run comes from, for people: `fast-check seed 1 path 0:3:1`, `schedule 17 of ...`. */
  readonly origin: string;
  /** The size of the run, beside what the scenario as written has: shrunk for the sampled
   * strategies, as run for the exhaustive search. */
  readonly kept: Kept;
}

/** The size of a counterexample run, and what to compare it with. */
export interface Kept {
  /** Audit events the run emitted. */
  readonly events: number;
  /** Processes that emitted events. */
  readonly processes: number;
  /** Scheduling decisions the run took. */
  readonly decisions: number;
  /** Audit events the scenario as written has (every burst, repeated bursts expanded). */
  readonly scenarioEvents: number;
  /** Events of the late bursts the run added after spec ends; 0 for the scenario as written. */
  readonly lateEvents: number;
  /** Processes the scenario has. */
  readonly scenarioProcesses: number;
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
  /** The marks this fix's store and plan cannot reach at all, so their 0 means nothing. */
  readonly unreachableMarks: readonly MarkId[];
  /** For a systematic search: what it explored (absent for sampled strategies). */
  readonly search?: SearchSummary;
}

export interface SearchSummary {
  readonly schedules: number;
  /** Schedules whose histories differ (equal histories are one outcome). */
  readonly distinctOutcomes: number;
  readonly preemptions: number;
  /** True when every schedule within the bound was explored. */
  readonly complete: boolean;
}

export interface ValidateResult {
  readonly scenario: string;
  readonly profile: string;
  readonly seed: number;
  readonly runs: number;
  readonly fixes: readonly FixReport[];
}

/** What an exploration counted and how many of them it ran, in all of its reports: the schedules
 * of an exhaustive search (which stops when none is left, short of --runs) or the runs of a
 * sampled strategy (shrinking not included). */
export interface Explored {
  readonly unit: 'run' | 'schedule';
  readonly total: number;
}

/** The one place that decides whether `reports` come from an exhaustive search. */
export function exploredBy(reports: readonly FixReport[]): Explored {
  const searched = reports.length > 0 && reports.every((r) => r.search !== undefined);
  return { unit: searched ? 'schedule' : 'run', total: reports.reduce((n, r) => n + r.runs, 0) };
}

/** Accumulates run outcomes into the counts of a FixReport. */
export class Tally {
  runs = 0;
  readonly violations = Object.fromEntries(VERDICT_IDS.map((id) => [id, 0])) as Record<
    VerdictId,
    number
  >;
  readonly coverage = Object.fromEntries(MARK_IDS.map((id) => [id, 0])) as Record<MarkId, number>;
  private readonly durations: number[] = [];

  /** Runs with at least one violation, for progress displays. */
  violatingRuns = 0;

  /** Counts one run; returns the verdicts it violated, each once. */
  add(outcome: RunOutcome): Set<VerdictId> {
    this.runs++;
    const seen = new Set(outcome.findings.map((f) => f.verdict));
    if (seen.size > 0) this.violatingRuns++;
    for (const verdict of seen) this.violations[verdict]++;
    for (const id of outcome.sim.history.marks.keys()) this.coverage[id as MarkId]++;
    this.durations.push(teardownMs(outcome.sim.history));
    return seen;
  }

  /** The report of a fix explored so far, with the counterexamples kept for it. */
  report(scenario: Scenario, fix: Fix, counterexamples: Counterexample[]): FixReport {
    const plan = fix.plan(baselinePlan(scenario));
    return {
      fix: fix.name,
      summary: fix.summary,
      plan: describePlan(plan),
      runs: this.runs,
      violations: this.violations,
      teardownMs: this.teardownMs(),
      counterexamples,
      coverage: this.coverage,
      unreachableMarks: unreachableMarks(storeKnobs(scenario, fix), plan),
    };
  }

  teardownMs(): FixReport['teardownMs'] {
    const sorted = [...this.durations].sort((a, b) => a - b);
    const at = (fraction: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
    return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
  }
}

/** What a counterexample run kept, and what the scenario as written has. */
export function keptBy(scenario: Scenario, outcome: RunOutcome, variation: Variation): Kept {
  const emitted = outcome.sim.history.calls.filter((c) => c.call === 'storeAudit');
  return {
    events: emitted.length,
    processes: new Set(emitted.map((c) => c.process)).size,
    decisions: outcome.sim.decisions,
    scenarioEvents: scenarioEventCount(scenario),
    lateEvents: variation.lateBursts.flat().reduce((n, burst) => n + burst.count, 0),
    scenarioProcesses: scenario.processes.length,
  };
}

/** A counterexample from the run that showed `verdict`, however the run was found. */
export function counterexampleOf(
  scenario: Scenario,
  outcome: RunOutcome,
  fix: string,
  verdict: VerdictId,
  variation: Variation,
  found: Pick<Counterexample, 'fastCheck' | 'schedule' | 'origin'>,
): Counterexample {
  const finding = outcome.findings.find((f) => f.verdict === verdict)!;
  return {
    fix,
    verdict,
    message: finding.message,
    atMs: finding.atMs,
    variation,
    caseCode: encodeCase(variation),
    ...found,
    kept: keptBy(scenario, outcome, variation),
  };
}
