// Every coverage mark must be reached by the exploration that is meant to reach it: a property
// about "close during a retry sleep" proves nothing if no run ever closes during one. Each mark is
// paired with the scenario and strategy that exercise it; a zero here means a generator or model
// change made the situation unreachable.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RANDOM, type Strategy } from '../src/explore/arbitrary.ts';
import { validateFix } from '../src/explore/validate.ts';
import { MARK_IDS, type MarkId } from '../src/model/marks.ts';
import { findFix } from '../src/scenario/fixes.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';

const SEED = Number(process.env.AUDIT_RACE_SEED ?? 1);
const RUNS = Number(process.env.AUDIT_RACE_MARK_RUNS ?? 300);
const ROOT = join(import.meta.dirname, '..', 'scenarios');
const SEED_RUN = 'workflowexecution-ci-20696658360.json';
const PCT: Strategy = { kind: 'pct', depth: 3, steps: 0 };

const WHERE: Readonly<Record<MarkId, { file: string; fix: string; strategy: Strategy }>> = {
  // Process 4 closes at its spec end while a tick write may still be in flight or backing off.
  'close-during-write': { file: SEED_RUN, fix: 'baseline', strategy: RANDOM },
  'close-during-retry-sleep': { file: SEED_RUN, fix: 'baseline', strategy: RANDOM },
  // Processes 1-3 stop DataStorage while process 4 still buffers events.
  'stop-with-batch-pending': { file: SEED_RUN, fix: 'baseline', strategy: RANDOM },
  'tick-and-close-ready': { file: SEED_RUN, fix: 'baseline', strategy: RANDOM },
  // A Flush times out on a hung DataStorage; its request is still queued when Close runs.
  'flush-and-close-together': {
    file: 'regressions/stale-flush-meets-closed-channel.json',
    fix: 'baseline',
    strategy: RANDOM,
  },
  // A reconcile passes the closed check at the instant its store closes.
  'audit-between-check-and-send': {
    file: 'cases/02-notification-send-on-closed-channel.buggy.json',
    fix: 'baseline',
    strategy: PCT,
  },
};

describe('coverage marks', () => {
  it('pairs every mark with the exploration that reaches it', () => {
    expect(Object.keys(WHERE).sort()).toEqual([...MARK_IDS].sort());
  });

  for (const id of MARK_IDS) {
    const { file, fix, strategy } = WHERE[id];
    it(`reaches ${id} in ${file} under fix ${fix} (${strategy.kind})`, () => {
      const scenario = loadScenarioFile(join(ROOT, file));
      const report = validateFix(scenario, findFix(scenario, fix), {
        runs: RUNS,
        seed: SEED,
        strategy,
      });
      expect(report.coverage[id], `${id}: reached in 0 of ${RUNS} runs`).toBeGreaterThan(0);
    });
  }
});
