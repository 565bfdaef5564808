// Coverage of the exploration: how often the generated variations reach each race the properties
// are about, per fix. A property that holds because its race is never reached proves nothing, so
// each race must be reached in a minimum share of the runs for the fixes it concerns.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { variationArbitrary } from '../src/explore/arbitrary.ts';
import { runOnce } from '../src/explore/run.ts';
import type { Fix } from '../src/scenario/fixes.ts';
import { COVERAGE_RUNS, FIXES, SCENARIO, SEED } from './harness.ts';
import {
  CLOSE_DURING_ATTEMPT,
  CLOSE_DURING_RETRIES,
  FLUSH_ACROSS_STOP,
  LATE_STORE_AUDIT,
  SITUATIONS,
  STOP_WITH_UNWRITTEN_BATCH,
  type Situation,
} from './situations.ts';

/** A race the generators must reach for these fixes: in `minShare` of the runs, or once. */
interface Reach {
  readonly situation: Situation;
  readonly fixes: readonly string[];
  readonly minShare: number | 'once';
}

/** A race these fixes rule out by construction: it must never show up. */
interface Never {
  readonly situation: Situation;
  readonly fixes: readonly string[];
}

const UNSYNCHRONIZED = ['baseline', 'A', 'B', 'C', 'D'];
const SYNCHRONIZED = ['E', 'A+E', 'cancel-first+A+E'];

const MUST_REACH: readonly Reach[] = [
  // processes 1-3 stop DataStorage at ~10 s while process 4 may still hold its ~9.7 s events
  { situation: STOP_WITH_UNWRITTEN_BATCH, fixes: UNSYNCHRONIZED, minShare: 0.05 },
  // late bursts up to 2 s after the spec end land after Close whenever the drain allows them
  {
    situation: LATE_STORE_AUDIT,
    fixes: ['baseline', 'A', 'B', 'C', 'D', 'E', 'A+E'],
    minShare: 0.3,
  },
  // A: a process whose specs end late flushes while an earlier process's stop lands (rare)
  { situation: FLUSH_ACROSS_STOP, fixes: ['A'], minShare: 'once' },
  // without a Flush first, a tick's attempt (1-60 ms) can still be in flight at Close (rare)
  { situation: CLOSE_DURING_ATTEMPT, fixes: ['baseline', 'B', 'C', 'D', 'E'], minShare: 'once' },
  // a process whose specs end after another's stop Closes while its refused batch backs off
  { situation: CLOSE_DURING_RETRIES, fixes: ['baseline', 'B', 'C'], minShare: 0.03 },
];

const MUST_NOT_REACH: readonly Never[] = [
  // E: process 1 stops DataStorage after every Close returned, i.e. after every writer exited
  { situation: STOP_WITH_UNWRITTEN_BATCH, fixes: SYNCHRONIZED },
  // Flush returns before Close begins, and the synchronized stop comes after every Close
  { situation: FLUSH_ACROSS_STOP, fixes: ['A+E', 'cancel-first+A+E'] },
  // the manager is cancelled and its drain (<= 1.5 s here) over 2 s before Close
  { situation: LATE_STORE_AUDIT, fixes: ['cancel-first+A+E'] },
];

/** Per fix name, per situation id: runs out of COVERAGE_RUNS that reached it. */
const reachedRuns = new Map<string, Map<string, number>>();

function measure(fix: Fix): Map<string, number> {
  const counts = new Map(SITUATIONS.map((s) => [s.id, 0]));
  const property = fc.property(variationArbitrary(SCENARIO), (variation) => {
    const history = runOnce(SCENARIO, fix, variation).sim.history;
    for (const s of SITUATIONS) if (s.reached(history)) counts.set(s.id, counts.get(s.id)! + 1);
    return true;
  });
  fc.check(property, { seed: SEED, numRuns: COVERAGE_RUNS });
  return counts;
}

function runsOf(fix: string, situation: Situation): number {
  const counts = reachedRuns.get(fix);
  if (counts === undefined) throw new Error(`fix ${fix} is not offered by the seed scenario`);
  return counts.get(situation.id)!;
}

const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

describe(`coverage of the seed scenario's exploration (${COVERAGE_RUNS} runs per fix)`, () => {
  beforeAll(() => {
    for (const fix of FIXES) reachedRuns.set(fix.name, measure(fix));
    const table = Object.fromEntries(
      SITUATIONS.map((s) => [
        s.id,
        Object.fromEntries(FIXES.map((f) => [f.name, percent(runsOf(f.name, s) / COVERAGE_RUNS)])),
      ]),
    );
    console.info(`Share of ${COVERAGE_RUNS} runs (fast-check seed ${SEED}) reaching each race:`);
    console.table(table);
  }, 120_000);

  for (const { situation, fixes, minShare } of MUST_REACH) {
    const least =
      minShare === 'once' ? 'at least one run' : `at least ${percent(minShare)} of runs`;
    it.each(fixes)(`%s reaches "${situation.description}" in ${least}`, (fix) => {
      const runs = runsOf(fix, situation);
      const needed = minShare === 'once' ? 1 : Math.ceil(minShare * COVERAGE_RUNS);
      expect(runs, `${runs} of ${COVERAGE_RUNS} runs (seed ${SEED})`).toBeGreaterThanOrEqual(
        needed,
      );
    });
  }

  for (const { situation, fixes } of MUST_NOT_REACH) {
    it.each(fixes)(`%s never reaches "${situation.description}"`, (fix) => {
      expect(runsOf(fix, situation)).toBe(0);
    });
  }
});
