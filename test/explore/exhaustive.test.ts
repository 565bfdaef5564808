// Pins the bounded exhaustive search: the schedules it runs within a preemption bound are exactly
// the distinct decision sequences with at most that many non-default choices, each once, fewest
// first; `complete` and `maxSchedules` say whether the bound was exhausted; the first schedule of
// each verdict is kept with its coordinates and replays; validate's exhaustive strategy is it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { replayCommand } from '../../src/cli/replay-command.ts';
import { decodeCase } from '../../src/explore/case-code.ts';
import { exhaustive } from '../../src/explore/exhaustive.ts';
import { runOnce, runOnceWith } from '../../src/explore/run.ts';
import { validateFix, type Progress } from '../../src/explore/validate.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../../src/scenario/load.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { RecordingTape } from '../../src/sim/decisions.ts';
import { SEED_SCENARIO } from './seed-scenario.ts';

/** One run the search made: its tape, the options of each decision it took, its verdicts. */
interface Ran {
  readonly tape: readonly number[];
  readonly options: readonly number[];
  readonly verdicts: readonly string[];
}

// The search builds its decision source inside; wrapping runOnceWith is how the test sees which
// schedules it ran, in order. Runs go through unchanged.
const ran = vi.hoisted(() => [] as Ran[]);
vi.mock('../../src/explore/run.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/explore/run.ts')>();
  const runOnceWith: typeof real.runOnceWith = (scenario, fix, variation, decisions) => {
    const outcome = real.runOnceWith(scenario, fix, variation, decisions);
    const options = (decisions as Partial<RecordingTape>).options ?? [];
    const verdicts = outcome.findings.map((f) => f.verdict);
    ran.push({ tape: variation.tape, options: [...options], verdicts });
    return outcome;
  };
  return { ...real, runOnceWith };
});

const CASE_02 = (variant: 'buggy' | 'fixed') =>
  fileURLToPath(
    new URL(
      `../../scenarios/cases/02-notification-send-on-closed-channel.${variant}.json`,
      import.meta.url,
    ),
  );
const BUGGY_FILE = CASE_02('buggy');
const BUGGY = loadScenarioFile(BUGGY_FILE);
const FIXED = loadScenarioFile(CASE_02('fixed'));
/** The search's default: decisions with more options (backoff jitter) stay at 0. */
const MAX_OPTIONS = 8;

/** exhaustive() on one fix, with the runs it made. */
function search(scenario: Scenario, fixName: string, preemptions: number, maxSchedules = 5000) {
  ran.length = 0;
  const report = exhaustive(scenario, findFix(scenario, fixName), { preemptions, maxSchedules });
  return { report, runs: [...ran] };
}

/** The choices a run really made, as a key: tape values mod options, 0 past the tape's end. */
function scheduleKey(run: Ran): string {
  return run.options.map((n, i) => (run.tape[i] ?? 0) % n).join(',');
}

function preemptionsOf(run: Ran): number {
  return run.tape.filter((c) => c !== 0).length;
}

/**
 * The oracle: every decision sequence with at most `preemptions` non-default choices, found
 * depth-first by running a schedule and branching on each decision it took after its tape ends.
 */
function schedulesWithin(scenario: Scenario, fixName: string, preemptions: number): string[] {
  const fix = findFix(scenario, fixName);
  const found: string[] = [];
  const visit = (tape: number[], left: number) => {
    const decisions = new RecordingTape(tape);
    runOnceWith(scenario, fix, { ...zeroVariation(scenario), tape }, decisions);
    found.push(scheduleKey({ tape, options: decisions.options, verdicts: [] }));
    if (left === 0) return;
    decisions.options.forEach((n, j) => {
      if (j < tape.length || n > MAX_OPTIONS) return;
      const prefix = [...tape, ...Array<number>(j - tape.length).fill(0)];
      for (let choice = 1; choice < n; choice++) visit([...prefix, choice], left - 1);
    });
  };
  visit([], preemptions);
  return found;
}

describe('exhaustive search: which schedules it runs (case 02, buggy, baseline)', () => {
  it('runs only the first-come schedule, the empty tape, with 0 preemptions', () => {
    const { report, runs } = search(BUGGY, 'baseline', 0);

    expect(runs.map((r) => r.tape)).toEqual([[]]);
    expect(report.search).toEqual({
      schedules: 1,
      distinctOutcomes: 1,
      preemptions: 0,
      complete: true,
    });
  });

  it('adds one schedule per alternative of each first-come decision, with 1 preemption', () => {
    const firstCome = search(BUGGY, 'baseline', 0).runs[0]!;
    const alternatives = firstCome.options
      .filter((n) => n <= MAX_OPTIONS)
      .reduce((sum, n) => sum + (n - 1), 0);

    const { report } = search(BUGGY, 'baseline', 1);

    // Measured: 13 decisions of 2 to 4 options, 19 alternatives, so 20 schedules.
    expect(report.search?.schedules).toBe(1 + alternatives);
    expect(report.search?.complete).toBe(true);
  });

  it('explores more schedules for each further preemption and exhausts every bound', () => {
    const counts = [0, 1, 2, 3].map((p) => search(BUGGY, 'baseline', p).report.search);

    // 205 and 1415 are the counts README.md and scenarios/cases/README.md give for 2 and 3.
    expect(counts.map((s) => s?.schedules)).toEqual([1, 20, 205, 1415]);
    expect(counts.every((s) => s?.complete === true)).toBe(true);
  });

  it('runs each schedule within the bound exactly once, fewest preemptions first', () => {
    const { report, runs } = search(BUGGY, 'baseline', 2);
    const keys = runs.map(scheduleKey);
    const preemptions = runs.map(preemptionsOf);

    expect(new Set(keys).size).toBe(runs.length);
    expect(runs.length).toBe(report.search?.schedules);
    expect([...keys].sort()).toEqual(schedulesWithin(BUGGY, 'baseline', 2).sort());
    expect(preemptions).toEqual([...preemptions].sort((a, b) => a - b));
    expect(Math.max(...preemptions)).toBe(2);
    // Measured 6 (the README's "6 distinct outcomes"); schedules with equal histories are one.
    expect(report.search?.distinctOutcomes).toBeLessThan(runs.length);
  });

  it('stops at maxSchedules and says the bound was not exhausted', () => {
    const capped = search(BUGGY, 'baseline', 2, 50);
    const oneShort = search(BUGGY, 'baseline', 2, 204);
    const exact = search(BUGGY, 'baseline', 2, 205);

    expect(capped.report.runs).toBe(50);
    expect(capped.runs).toHaveLength(50);
    expect(capped.report.search).toMatchObject({ schedules: 50, complete: false });
    expect(oneShort.report.search).toMatchObject({ schedules: 204, complete: false });
    expect(exact.report.search).toMatchObject({ schedules: 205, complete: true });
  });
});

describe('exhaustive search: counterexamples', () => {
  /** 1-based position, in the search's order, of the first run that showed `verdict`. */
  const firstShowing = (runs: readonly Ran[], verdict: string) =>
    runs.findIndex((r) => r.verdicts.includes(verdict)) + 1;

  it('shows the panic in 3 of 205 schedules, none of them within 1 preemption', () => {
    const { report } = search(BUGGY, 'baseline', 2);

    expect(report.search?.schedules).toBe(205);
    expect(report.violations['no-panic']).toBe(3);
    expect(search(BUGGY, 'baseline', 1).report.violations['no-panic']).toBe(0);
    expect(report.counterexamples.map((c) => c.verdict)).toEqual(['no-panic']);
  });

  it.each(['baseline', 'B'])(
    'keeps the first schedule of each verdict with its index and preemptions (fix %s)',
    (fixName) => {
      const { report, runs } = search(BUGGY, fixName, 2);

      // Fix B also loses events silently, first on the empty tape; its panic is the baseline's.
      expect(report.counterexamples.length).toBe(fixName === 'B' ? 2 : 1);
      for (const c of report.counterexamples) {
        const index = firstShowing(runs, c.verdict);
        const run = runs[index - 1]!;

        expect(c.schedule, c.verdict).toEqual({ index, preemptions: preemptionsOf(run) });
        expect(c.variation.tape).toEqual(run.tape);
        expect(c.fastCheck).toBeNull();
        expect(c.origin).toBe(
          `exhaustive search, schedule ${index} (${preemptionsOf(run)} preemptions)`,
        );
      }
    },
  );

  it('replays the panic from its --case code, in process and through audit-race replay', () => {
    const [panic] = search(BUGGY, 'baseline', 2).report.counterexamples;
    const decoded = decodeCase(panic!.caseCode);
    const replayed = runOnce(BUGGY, findFix(BUGGY, 'baseline'), decoded);
    let printed = '';

    const exitCode = replayCommand(BUGGY_FILE, { case: panic!.caseCode }, (t) => (printed += t));

    expect(decoded).toEqual(panic!.variation);
    const finding = replayed.findings.find((f) => f.verdict === 'no-panic');
    expect(finding).toMatchObject({ message: panic!.message, atMs: panic!.atMs });
    expect(exitCode).toBe(1);
    expect(printed).toContain(`VIOLATED no-panic at `);
    expect(printed).toContain(panic!.message);
  });
});

describe('exhaustive search: fixes that hold', () => {
  const clean = (violations: Readonly<Record<string, number>>) =>
    Object.values(violations).every((n) => n === 0);

  it('finds no violation in any schedule of the fixed case 02 within 2 preemptions', () => {
    const { report } = search(FIXED, 'baseline', 2);

    // Measured: 295 schedules, 3 distinct outcomes.
    expect(report.search?.complete).toBe(true);
    expect(report.runs).toBe(report.search?.schedules);
    expect(clean(report.violations)).toBe(true);
    expect(report.counterexamples).toEqual([]);
  });

  it('holds fixes E and A+E of the seed scenario in all its 2,712 and 4,028 schedules', () => {
    const baseline = search(SEED_SCENARIO, 'baseline', 1).report;
    const e = search(SEED_SCENARIO, 'E', 2).report;
    const ae = search(SEED_SCENARIO, 'A+E', 2).report;

    // The counts were measured; A's extra decisions give A+E more schedules than E.
    expect([e.search, ae.search].map((s) => [s?.schedules, s?.complete])).toEqual([
      [2712, true],
      [4028, true],
    ]);
    expect(clean(e.violations) && clean(ae.violations)).toBe(true);
    // Without a fix every schedule writes after Stop (75 of 75 within 1 preemption, measured).
    expect(baseline.violations['no-write-after-stop']).toBe(baseline.search?.schedules);
  });
});

describe('validateFix with the exhaustive strategy', () => {
  it.each([5000, 50])(
    'gives the report exhaustive() gives, with runs (%i) as maxSchedules',
    (runs) => {
      const fix = findFix(BUGGY, 'baseline');
      const progress: Progress[] = [];
      const strategy = { kind: 'exhaustive', preemptions: 2 } as const;

      const viaValidate = validateFix(BUGGY, fix, {
        runs,
        seed: 1,
        strategy,
        onProgress: (p) => progress.push(p),
      });

      const direct = exhaustive(BUGGY, fix, { preemptions: 2, maxSchedules: runs });
      expect(viaValidate).toEqual(direct);
      expect(progress.map((p) => p.done)).toEqual(
        Array.from({ length: direct.runs }, (_, i) => i + 1),
      );
      expect(progress.every((p) => p.total === runs && p.fix === 'baseline')).toBe(true);
    },
  );
});
