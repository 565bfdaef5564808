// Proofs within a bound: the exhaustive search runs every schedule of a scenario as written (its
// own times, no jitter, no late events) with at most PREEMPTIONS non-default scheduling choices,
// and each row below pins exactly which properties some schedule violates; every other property
// holds in all of them. A sampled suite can only fail to find a violation; here "holds" means no
// schedule within the bound has one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exhaustive } from '../src/explore/exhaustive.ts';
import type { VerdictId } from '../src/explore/run.ts';
import { VERDICT_IDS } from '../src/explore/validate.ts';
import { findFix } from '../src/scenario/fixes.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';

const ROOT = join(import.meta.dirname, '..', 'scenarios');
/** The bound; AUDIT_RACE_PREEMPTIONS raises it (the rows hold at 3 too, in about 40 s). */
const PREEMPTIONS = preemptionBound(process.env.AUDIT_RACE_PREEMPTIONS);

function preemptionBound(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 2;
  // Below 2 the case-02 panic is out of reach, so its row would fail for the bound, not the model.
  if (!/^\d+$/.test(raw) || Number(raw) < 2) {
    throw new Error(`AUDIT_RACE_PREEMPTIONS must be a whole number of at least 2, got "${raw}".`);
  }
  return Number(raw);
}
/** Above what any row needs (4,028 schedules at 2 preemptions, 115,620 at 3): each completes. */
const MAX_SCHEDULES = 200_000;

interface Row {
  readonly file: string;
  readonly fix: string;
  /** The properties some schedule violates; the reason is the comment beside the row. */
  readonly violated: readonly VerdictId[];
}

const SEED_RUN = 'workflowexecution-ci-20696658360.json';
const LEAKED_WRITES: readonly VerdictId[] = ['no-write-after-stop', 'clean-teardown-logs'];

const ROWS: readonly Row[] = [
  // Processes 1-3 stop the shared DataStorage while process 4 still ships batches.
  { file: SEED_RUN, fix: 'baseline', violated: LEAKED_WRITES },
  // A Flush empties only the caller's store; process 4 still writes after the stop.
  { file: SEED_RUN, fix: 'A', violated: LEAKED_WRITES },
  // Close's error is the only report of process 4's dropped batches, and B discards it.
  { file: SEED_RUN, fix: 'B', violated: [...LEAKED_WRITES, 'no-silent-loss'] },
  { file: SEED_RUN, fix: 'C', violated: LEAKED_WRITES },
  { file: SEED_RUN, fix: 'D', violated: LEAKED_WRITES },
  // The synchronized stop: no schedule writes to a stopped DataStorage. Its panic needs a
  // reconcile at another moment than the written one, which only jitter gives (random, pct).
  { file: SEED_RUN, fix: 'E', violated: [] },
  { file: SEED_RUN, fix: 'A+E', violated: [] },
  { file: SEED_RUN, fix: 'cancel-first+A+E', violated: [] },
  // A reconcile passes the closed check, then Close closes the channel before its send. The
  // silent loss random runs also show needs an event just after Close: jitter, not a schedule.
  {
    file: 'cases/02-notification-send-on-closed-channel.buggy.json',
    fix: 'baseline',
    violated: ['no-panic'],
  },
  // The manager is cancelled before Close, and the closed check and the enqueue are one step
  // under Close's lock: no schedule panics or loses an event.
  {
    file: 'cases/02-notification-send-on-closed-channel.fixed.json',
    fix: 'baseline',
    violated: [],
  },
  // A timed-out Flush leaves its request queued; Close's drain meets it on the closed channel.
  {
    file: 'regressions/stale-flush-meets-closed-channel.json',
    fix: 'baseline',
    violated: ['clean-teardown-logs', 'writer-exits', 'livelock'],
  },
  // The send panics only if the reconcile stays paused for ~16 steps: more preemptions than the
  // bound allows, so within it every property holds (PCT finds it: test/explore/pct-depth).
  {
    file: 'regressions/paused-audit-send-meets-closed-channel.json',
    fix: 'baseline',
    violated: [],
  },
];

describe(`exhaustive search, every schedule within ${PREEMPTIONS} preemptions`, () => {
  for (const { file, fix: fixName, violated } of ROWS) {
    const shows = violated.length === 0 ? 'no violation' : violated.join(', ');
    it(`${file.replace(/\.json$/, '')}, fix ${fixName}: ${shows}`, () => {
      const scenario = loadScenarioFile(join(ROOT, file));
      const fix = findFix(scenario, fixName);
      const report = exhaustive(scenario, fix, {
        preemptions: PREEMPTIONS,
        maxSchedules: MAX_SCHEDULES,
      });

      expect(report.search.complete, `${report.search.schedules} schedules, not all`).toBe(true);
      const found = VERDICT_IDS.filter((v) => report.violations[v] > 0);
      const replays = report.counterexamples
        .filter((c) => !violated.includes(c.verdict))
        .map((c) => `${c.verdict} at ${c.origin}: ${c.message}; --case ${c.caseCode}`);
      expect(found, replays.join('\n')).toEqual(VERDICT_IDS.filter((v) => violated.includes(v)));
    });
  }
});
