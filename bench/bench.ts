// `npm run bench`: what exploration costs and what each strategy finds. Prints (1) core runs per
// CPU-second per strategy on the seed's four-process scenario and on a single-process one, (2)
// per fix and strategy, the runs and time to the first counterexample on the seed's scenario,
// (3) per buggy public case, which strategy finds its bug in how many runs. A benchmark, not a
// test: it asserts nothing. BENCH_RUNS sets the runs of one throughput round.
import fc from 'fast-check';
import { join } from 'node:path';
import Table from 'cli-table3';
import { RANDOM, variationArbitrary, type Strategy } from '../src/explore/arbitrary.ts';
import { exhaustive } from '../src/explore/exhaustive.ts';
import { runOnce, type VerdictId } from '../src/explore/run.ts';
import { strategyFor } from '../src/explore/validate.ts';
import { findFix, fixesFor, type Fix } from '../src/scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../src/scenario/load.ts';
import type { Variation } from '../src/scenario/resolve.ts';

const SEED = 20260104;
const SAMPLES = Number(process.env.BENCH_RUNS ?? 10_000);
const FIRST_CAP = 5_000;
const ROOT = join(import.meta.dirname, '..', 'scenarios');

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

const STRATEGIES: readonly { readonly label: string; readonly strategy: Strategy }[] = [
  { label: 'random', strategy: RANDOM },
  { label: 'pct d=2', strategy: { kind: 'pct', depth: 2, steps: 0 } },
  { label: 'pct d=3', strategy: { kind: 'pct', depth: 3, steps: 0 } },
];

/** Rounds of each throughput sample measured after the warm-up round; the median is printed. */
const ROUNDS = 5;

/** One scenario and strategy: its inputs, generated beforehand, and the rates measured so far. */
class Throughput {
  readonly rates: number[] = [];
  stepsPerRun = 0;
  private readonly fix: Fix;
  private readonly inputs: Variation[];

  constructor(
    readonly scenario: Scenario,
    readonly label: string,
    strategy: Strategy,
  ) {
    this.fix = findFix(scenario, 'baseline');
    const arbitrary = variationArbitrary(scenario, strategyFor(scenario, this.fix, strategy));
    this.inputs = fc.sample(arbitrary, { seed: SEED, numRuns: SAMPLES }) as Variation[];
  }

  /** Resolves, simulates and checks every input once; returns the number of runs. */
  round(): number {
    let steps = 0;
    for (const v of this.inputs) steps += runOnce(this.scenario, this.fix, v).sim.steps;
    this.stepsPerRun = steps / this.inputs.length;
    return this.inputs.length;
  }
}

// Rounds go over every sample in turn, so a slow moment of the machine spreads over all of them
// instead of falling on one; the first round only warms the JIT up and is not counted.
function measure(samples: readonly Throughput[]): void {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const sample of samples) {
      let runs = 0;
      const seconds = cpuSeconds(() => (runs = sample.round()));
      if (round > 0) sample.rates.push(runs / seconds);
    }
  }
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

const seedScenario = loadScenarioFile(join(ROOT, 'workflowexecution-ci-20696658360.json'));
const single = loadScenarioFile(join(ROOT, 'single-process-outage.json'));

// DESIGN.md "Performance": runs per second on one core the core must sustain.
const TARGETS = new Map([
  [seedScenario, 10_000],
  [single, 50_000],
]);
const samples = [...TARGETS.keys()].flatMap((scenario) =>
  STRATEGIES.map(({ label, strategy }) => new Throughput(scenario, label, strategy)),
);
measure(samples);
const rates = new Table({
  head: [
    'scenario',
    'strategy',
    'runs per CPU-second',
    `range of ${ROUNDS} rounds`,
    'target',
    'steps/run',
  ],
  style: { head: [], border: [] },
});
for (const { scenario, label, rates: measured, stepsPerRun } of samples) {
  const rate = median(measured);
  const target = TARGETS.get(scenario)!;
  const range = `${Math.min(...measured).toFixed(0)}-${Math.max(...measured).toFixed(0)}`;
  const verdict = `${target}${rate >= target ? ' met' : ' NOT met'}`;
  rates.push([scenario.name, label, rate.toFixed(0), range, verdict, stepsPerRun.toFixed(0)]);
}
console.log(
  `Core throughput, fix baseline, ${SAMPLES} runs a round, median of ${ROUNDS} rounds ` +
    `after a warm-up round:\n${rates.toString()}`,
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
