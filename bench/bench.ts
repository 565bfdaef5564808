// `npm run bench`: what exploration costs and what each strategy finds. Prints (1) core runs per
// CPU-second per strategy on the seed's four-process scenario and on a single-process one, (2)
// per fix and strategy, the runs and time to the first counterexample on the seed's scenario,
// (3) per buggy public case, which strategy finds its bug in how many runs. A benchmark, not a
// test: it asserts nothing. BENCH_RUNS sets the runs of one throughput round (bench/throughput.ts
// measures each sample in a process of its own).
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import Table from 'cli-table3';
import { variationArbitrary, type Strategy } from '../src/explore/arbitrary.ts';
import { exhaustive } from '../src/explore/exhaustive.ts';
import { runOnce, type VerdictId } from '../src/explore/run.ts';
import { strategyFor } from '../src/explore/validate.ts';
import { findFix, fixesFor, type Fix } from '../src/scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../src/scenario/load.ts';
import { SEED, STRATEGIES, cpuSeconds } from './measure.ts';

const THROUGHPUT_RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const FIRST_CAP = 5_000;
const ROOT = join(import.meta.dirname, '..', 'scenarios');

/** Rounds of each throughput sample measured after the warm-up round; the median is printed. */
const ROUNDS = 5;

/** Runs per CPU-second of each round, and steps per run, from a process of the sample's own. */
function throughput(file: string, label: string): { rates: number[]; stepsPerRun: number } {
  const script = join(import.meta.dirname, 'throughput.ts');
  const args = [...process.execArgv, script, file, label, String(THROUGHPUT_RUNS), String(ROUNDS)];
  const output = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(output) as { rates: number[]; stepsPerRun: number };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Runs and CPU ms until the first run that violates `verdict` (any verdict when null). */
function firstFinding(scenario: Scenario, fix: Fix, strategy: Strategy, verdict: VerdictId | null) {
  if (strategy.kind === 'exhaustive') {
    let report: ReturnType<typeof exhaustive> | undefined;
    const seconds = cpuSeconds(() => {
      report = exhaustive(scenario, fix, {
        preemptions: strategy.preemptions,
        maxSchedules: FIRST_CAP,
      });
    });
    const found = report!.counterexamples.find((c) => verdict === null || c.verdict === verdict);
    if (found === undefined)
      return `none in ${report!.runs}${report!.search.complete ? ' (all)' : ''}`;
    const at = /schedule (\d+)/.exec(found.origin)?.[1] ?? '?';
    return `schedule ${at} (${(seconds * 1_000).toFixed(0)} ms for all ${report!.runs})`;
  }
  let runs = 0;
  const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
  const property = fc.property(arbitrary, (v) => {
    runs++;
    return !runOnce(scenario, fix, v).findings.some(
      (f) => verdict === null || f.verdict === verdict,
    );
  });
  let failed = false;
  const seconds = cpuSeconds(() => {
    failed = fc.check(property, { seed: SEED, numRuns: FIRST_CAP, endOnFailure: true }).failed;
  });
  return failed ? `${runs} runs, ${(seconds * 1_000).toFixed(1)} ms` : `none in ${runs}`;
}

const SEED_FILE = join(ROOT, 'workflowexecution-ci-20696658360.json');
const SINGLE_FILE = join(ROOT, 'single-process-outage.json');
const seedScenario = loadScenarioFile(SEED_FILE);

// DESIGN.md "Performance": runs per second on one core that the core must sustain.
const TARGETS: readonly (readonly [string, number])[] = [
  [SEED_FILE, 10_000],
  [SINGLE_FILE, 50_000],
];
const rates = new Table({
  head: [
    'scenario',
    'strategy',
    'runs per CPU-second',
    `range of ${ROUNDS}`,
    'target',
    'steps/run',
  ],
  style: { head: [], border: [] },
});
for (const [file, target] of TARGETS) {
  for (const { label } of STRATEGIES) {
    const { rates: measured, stepsPerRun } = throughput(file, label);
    const rate = median(measured);
    const range = `${Math.min(...measured).toFixed(0)}-${Math.max(...measured).toFixed(0)}`;
    const verdict = `${target} ${rate >= target ? 'met' : 'NOT met'}`;
    const name = basename(file, '.json');
    rates.push([name, label, rate.toFixed(0), range, verdict, stepsPerRun.toFixed(0)]);
  }
}
console.log(
  `Core throughput, fix baseline, ${THROUGHPUT_RUNS} runs a round, median of ${ROUNDS} rounds ` +
    `after a warm-up round, each sample in a process of its own:\n${rates.toString()}`,
);

const withExhaustive = [
  ...STRATEGIES,
  { label: 'exhaustive p=2', strategy: { kind: 'exhaustive', preemptions: 2 } as Strategy },
];
const first = new Table({
  head: ['fix', ...withExhaustive.map((s) => s.label)],
  style: { head: [], border: [] },
});
for (const fix of fixesFor(seedScenario)) {
  first.push([
    fix.name,
    ...withExhaustive.map(({ strategy }) => firstFinding(seedScenario, fix, strategy, null)),
  ]);
}
console.log(
  `\nFirst counterexample (any property) on ${seedScenario.name}, cap ${FIRST_CAP}:\n` +
    first.toString(),
);

const CASES = [
  ['cases/02-notification-send-on-closed-channel.buggy.json', 'no-panic'],
  ['cases/10-oidc-pam-stop-abandons-queue-double-stop.buggy.json', 'no-silent-loss'],
  ['cases/06-testcontainers-reaper-hook-stops-database.buggy.json', 'no-write-after-stop'],
  ['cases/28-linkedin-kafka-auditor-late-send-error-log.buggy.json', 'clean-teardown-logs'],
] as const;
const cases = new Table({
  head: ['case', 'property', ...withExhaustive.map((s) => s.label)],
  style: { head: [], border: [] },
});
for (const [file, verdict] of CASES) {
  const scenario = loadScenarioFile(join(ROOT, file));
  const fix = findFix(scenario, 'baseline');
  const cells = withExhaustive.map(({ strategy }) =>
    firstFinding(scenario, fix, strategy, verdict),
  );
  cases.push([file.replace(/^cases\/|\.buggy\.json$/g, ''), verdict, ...cells]);
}
console.log(`\nFirst run that shows each case's bug, cap ${FIRST_CAP}:\n${cases.toString()}`);
