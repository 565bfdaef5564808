// Bounded exhaustive search over schedules for small scenarios: every distinct decision tape with
// at most `preemptions` non-default choices, explored breadth-first (fewest preemptions first, so
// the first counterexample is a minimal one), each a distinct schedule by construction. Reports
// how many schedules and distinct outcomes it explored and whether the bound was exhausted.
import type { History } from '../model/history.ts';
import type { Fix } from '../scenario/fixes.ts';
import { zeroVariation, type Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';
import { RecordingTape } from '../sim/decisions.ts';
import {
  Tally,
  VERDICT_IDS,
  counterexampleOf,
  type Counterexample,
  type FixReport,
  type SearchSummary,
} from './results.ts';
import { runOnceWith, type RunOutcome, type VerdictId } from './run.ts';

/** Decisions with more options than this (backoff jitter) stay at their default. */
export const DEFAULT_MAX_OPTIONS = 8;

/** One schedule the search ran: its tape and the options of every decision it took. */
export interface ScheduleRun {
  readonly tape: readonly number[];
  readonly options: readonly number[];
  readonly outcome: RunOutcome;
}

export interface ExhaustiveOptions {
  /** Most non-default choices in one schedule (a CHESS-style preemption bound). */
  readonly preemptions: number;
  /** Stop after this many schedules even if the bound is not exhausted. */
  readonly maxSchedules: number;
  /** Decisions with more options than this stay at their default (DEFAULT_MAX_OPTIONS). */
  readonly maxOptions?: number;
  /** Called after every schedule with the number explored so far. */
  readonly onProgress?: (schedules: number, violating: number) => void;
  /** Called with every schedule, in the order the search runs them. */
  readonly onSchedule?: (run: ScheduleRun) => void;
}

/** A digest of what a run observably did, to count distinct outcomes. */
function outcomeKey(h: History): string {
  const attempts = h.attempts.map(
    (a) => `${a.process}.${a.batchId}.${a.attempt}@${a.startMs}${a.result}`,
  );
  const calls = h.calls.map((c) => `${c.process}${c.call}@${c.startMs}-${c.endMs}${c.outcome}`);
  const panics = h.panics.map((p) => `${p.goroutine}@${p.atMs}`);
  return `${attempts.join()}|${calls.join()}|${panics.join()}|${[...h.persisted].sort().join()}`;
}

function children(tape: readonly number[], options: readonly number[], maxOptions: number) {
  const next: number[][] = [];
  for (let j = tape.length; j < options.length; j++) {
    const n = options[j]!;
    if (n > maxOptions) continue;
    const prefix = [...tape, ...new Array<number>(j - tape.length).fill(0)];
    for (let choice = 1; choice < n; choice++) next.push([...prefix, choice]);
  }
  return next;
}

export function exhaustive(
  scenario: Scenario,
  fix: Fix,
  options: ExhaustiveOptions,
): FixReport & { readonly search: SearchSummary } {
  const maxOptions = options.maxOptions ?? DEFAULT_MAX_OPTIONS;
  const base = zeroVariation(scenario);
  const tally = new Tally();
  const firsts = new Map<VerdictId, Counterexample>();
  const outcomes = new Set<string>();
  const queue: number[][] = [[]];
  let truncated = false;

  for (let head = 0; head < queue.length && tally.runs < options.maxSchedules; head++) {
    const tape = queue[head]!;
    const decisions = new RecordingTape(tape);
    const variation: Variation = { ...base, tape };
    const outcome = runOnceWith(scenario, fix, variation, decisions);
    outcomes.add(outcomeKey(outcome.sim.history));
    options.onSchedule?.({ tape, options: decisions.options, outcome });
    const preempted = tape.filter((c) => c !== 0).length;
    for (const verdict of tally.add(outcome)) {
      if (firsts.has(verdict)) continue;
      const preemptions = `${preempted} preemption${preempted === 1 ? '' : 's'}`;
      const origin = `exhaustive search, schedule ${tally.runs} (${preemptions})`;
      const schedule = { index: tally.runs, preemptions: preempted };
      const found = { fastCheck: null, schedule, origin };
      const c = counterexampleOf(scenario, outcome, fix.name, verdict, variation, found);
      firsts.set(verdict, c);
    }
    options.onProgress?.(tally.runs, tally.violatingRuns);

    if (preempted < options.preemptions) {
      // Never queue more than the search may run: the queue would outgrow memory first.
      for (const child of children(tape, decisions.options, maxOptions)) {
        if (queue.length >= options.maxSchedules) truncated = true;
        else queue.push(child);
      }
    }
  }

  const counterexamples = VERDICT_IDS.filter((v) => firsts.has(v)).map((v) => firsts.get(v)!);
  return {
    ...tally.report(scenario, fix, counterexamples),
    search: {
      schedules: tally.runs,
      distinctOutcomes: outcomes.size,
      preemptions: options.preemptions,
      complete: !truncated && tally.runs === queue.length,
    },
  };
}
