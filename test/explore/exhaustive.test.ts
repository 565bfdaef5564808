// Pins the bounded exhaustive search: the schedules it runs within a preemption bound are exactly
// the distinct decision sequences with at most that many non-default choices, each once, fewest
// first; `complete` and `maxSchedules` say whether the bound was exhausted; the first schedule of
// each verdict is kept with its coordinates and replays; validate's exhaustive strategy is it.
// Which fixes hold within the bound is properties/exhaustive.prop.ts's.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/replay-command.ts';
import { decodeCase } from '../../src/explore/case-code.ts';
import { DEFAULT_MAX_OPTIONS, exhaustive, type ScheduleRun } from '../../src/explore/exhaustive.ts';
import { runOnce, runOnceWith } from '../../src/explore/run.ts';
import { validateFix, type Progress } from '../../src/explore/validate.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../../src/scenario/load.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { RecordingTape } from '../../src/sim/decisions.ts';

/** One run the search made: its tape, the options of each decision it took, its verdicts. */
interface Ran {
  readonly tape: readonly number[];
  readonly options: readonly number[];
  readonly verdicts: readonly string[];
}

const BUGGY_FILE = fileURLToPath(
  new URL(
    '../../scenarios/cases/02-notification-send-on-closed-channel.buggy.json',
    import.meta.url,
  ),
);
const BUGGY = loadScenarioFile(BUGGY_FILE);

/** exhaustive() on one fix, with the runs it made. */
function search(scenario: Scenario, fixName: string, preemptions: number, maxSchedules = 5000) {
  const runs: Ran[] = [];
  const onSchedule = ({ tape, options, outcome }: ScheduleRun) =>
    runs.push({ tape, options, verdicts: outcome.findings.map((f) => f.verdict) });
  const fix = findFix(scenario, fixName);
  const report = exhaustive(scenario, fix, { preemptions, maxSchedules, onSchedule });
  return { report, runs };
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
      if (j < tape.length || n > DEFAULT_MAX_OPTIONS) return;
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
      .filter((n) => n <= DEFAULT_MAX_OPTIONS)
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
    // The README's "6 distinct outcomes": schedules with equal histories are one.
    expect(report.search?.distinctOutcomes).toBe(6);
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
        const origin = /^exhaustive search, schedule (\d+) \((\d+) preemptions?\)$/.exec(c.origin);
        expect(origin?.slice(1).map(Number), c.origin).toEqual([index, preemptionsOf(run)]);
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
