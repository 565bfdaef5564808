// `npm run bench`: what exploration costs and what each strategy finds. Prints (1) core runs per
// CPU-second per strategy on the seed's four-process scenario and on a single-process one, each
// sample in a process of its own (bench/throughput.ts); (2) per fix of the seed's scenario and
// per strategy, the runs and time to the first counterexample; (3) the same per buggy public case
// and regression; (4) how often each strategy reaches each coverage mark. A benchmark, not a
// test: it asserts nothing. BENCH_RUNS sets the runs of one throughput round.
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import Table from 'cli-table3';
import type { Strategy } from '../src/explore/arbitrary.ts';
import type { VerdictId } from '../src/explore/run.ts';
import { MARK_IDS } from '../src/model/marks.ts';
import { findFix, fixesFor } from '../src/scenario/fixes.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { coverageOf } from './coverage.ts';
import { FIRST_CAP, FIRST_SEEDS, fastest, firstFinding } from './first-finding.ts';
import { STRATEGIES, median } from './measure.ts';

const THROUGHPUT_RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
/** Rounds of each throughput sample measured after the warm-up round; the median is printed. */
const ROUNDS = 5;
const COVERAGE_RUNS = 1_000;
const ROOT = join(import.meta.dirname, '..', 'scenarios');
const SEED_FILE = join(ROOT, 'workflowexecution-ci-20696658360.json');
const SINGLE_FILE = join(ROOT, 'single-process-outage.json');

const ALL_STRATEGIES: readonly { readonly label: string; readonly strategy: Strategy }[] = [
  ...STRATEGIES,
  { label: 'exhaustive p=2', strategy: { kind: 'exhaustive', preemptions: 2 } },
];
const LABELS = ALL_STRATEGIES.map((s) => s.label);

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] } });
}

/** Runs per CPU-second of each round, and steps per run, from a process of the sample's own. */
function throughput(file: string, label: string): { rates: number[]; stepsPerRun: number } {
  const script = join(import.meta.dirname, 'throughput.ts');
  const args = [...process.execArgv, script, file, label, String(THROUGHPUT_RUNS), String(ROUNDS)];
  const output = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(output) as { rates: number[]; stepsPerRun: number };
}

// DESIGN.md "Performance": runs per second on one core that the core must sustain.
const TARGETS: readonly (readonly [string, number])[] = [
  [SEED_FILE, 10_000],
  [SINGLE_FILE, 50_000],
];
const rates = table([
  'scenario',
  'strategy',
  'runs/CPU-s',
  `range of ${ROUNDS}`,
  'target',
  'steps',
]);
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
    `after a warm-up round:\n${rates.toString()}`,
);

const seedScenario = loadScenarioFile(SEED_FILE);
const first = table(['fix', ...LABELS, 'first']);
for (const fix of fixesFor(seedScenario)) {
  const found = ALL_STRATEGIES.map(({ strategy }) =>
    firstFinding(seedScenario, fix, strategy, null),
  );
  first.push([fix.name, ...found.map((f) => f.text), fastest(LABELS, found)]);
}
console.log(
  `\nFirst counterexample (any property) on ${seedScenario.name}; sampled strategies: median ` +
    `of ${FIRST_SEEDS} seeds, at most ${FIRST_CAP} runs each; a schedule of the exhaustive ` +
    `search is one run:\n${first.toString()}`,
);

const CASES: readonly (readonly [string, VerdictId])[] = [
  ['cases/02-notification-send-on-closed-channel.buggy.json', 'no-panic'],
  ['cases/10-oidc-pam-stop-abandons-queue-double-stop.buggy.json', 'no-silent-loss'],
  ['cases/06-testcontainers-reaper-hook-stops-database.buggy.json', 'no-write-after-stop'],
  ['cases/28-linkedin-kafka-auditor-late-send-error-log.buggy.json', 'clean-teardown-logs'],
  ['regressions/stale-flush-meets-closed-channel.json', 'livelock'],
  // The reconcile must stay paused for ~16 steps: where PCT is far ahead of random tapes.
  ['regressions/paused-audit-send-meets-closed-channel.json', 'no-panic'],
];
const cases = table(['scenario', 'property', ...LABELS, 'first']);
for (const [file, verdict] of CASES) {
  const scenario = loadScenarioFile(join(ROOT, file));
  const fix = findFix(scenario, 'baseline');
  const found = ALL_STRATEGIES.map(({ strategy }) =>
    firstFinding(scenario, fix, strategy, verdict),
  );
  const name = file.replace(/\.buggy\.json$|\.json$/, '');
  cases.push([name, verdict, ...found.map((f) => f.text), fastest(LABELS, found)]);
}
console.log(`\nFirst run that shows each bug, same budget:\n${cases.toString()}`);

// Each mark beside the scenarios meant to reach it (properties/marks.prop.ts asserts they do).
const MARK_SCENARIOS: readonly (readonly [string, string])[] = [
  ['workflowexecution-ci-20696658360.json', 'baseline'],
  ['workflowexecution-ci-20696658360.json', 'A'],
  ['regressions/stale-flush-meets-closed-channel.json', 'baseline'],
  ['cases/02-notification-send-on-closed-channel.buggy.json', 'baseline'],
];
const coverage = table(['scenario', 'fix', 'mark', ...LABELS]);
for (const [file, fixName] of MARK_SCENARIOS) {
  const scenario = loadScenarioFile(join(ROOT, file));
  const fix = findFix(scenario, fixName);
  const byStrategy = ALL_STRATEGIES.map(({ strategy }) =>
    coverageOf(scenario, fix, strategy, COVERAGE_RUNS, FIRST_CAP),
  );
  for (const mark of MARK_IDS) {
    const cells = byStrategy.map((c) => {
      const reached = c.reached.get(mark);
      if (reached === undefined) return '-';
      return `${reached} of ${c.runs}${c.complete ? ' (all)' : ''}`;
    });
    if (cells.every((cell) => cell === '-')) continue;
    coverage.push([file.replace(/\.json$/, ''), fixName, mark, ...cells]);
  }
}
console.log(
  `\nCoverage marks: runs that reached each situation, out of ${COVERAGE_RUNS} per sampled ` +
    `strategy (exhaustive: its schedules, at most ${FIRST_CAP}; '-': this store and plan ` +
    `cannot reach it):\n` +
    coverage.toString(),
);
