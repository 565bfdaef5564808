// One throughput sample of `npm run bench`, in a process of its own: a fresh JIT sees one scenario
// and one strategy, as a `validate` run does, instead of every shape the benchmark uses.
// Arguments: the scenario file, the strategy's label, the runs of one round, the rounds. Prints
// one JSON line: the runs per CPU-second of each round after a warm-up round, and steps per run.
import fc from 'fast-check';
import { variationArbitrary } from '../src/explore/arbitrary.ts';
import { runOnce } from '../src/explore/run.ts';
import { strategyFor } from '../src/explore/validate.ts';
import { findFix } from '../src/scenario/fixes.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { Variation } from '../src/scenario/resolve.ts';
import { SEED, STRATEGIES, cpuSeconds } from './measure.ts';

const [file = '', label = '', runsArg = '', roundsArg = ''] = process.argv.slice(2);
const sampled = STRATEGIES.find((s) => s.label === label);
if (sampled === undefined) {
  const known = STRATEGIES.map((s) => s.label).join(', ');
  throw new Error(
    `bench/throughput.ts: unknown strategy label "${label}", expected one of ${known}`,
  );
}
const strategy = sampled.strategy;
const scenario = loadScenarioFile(file);
const fix = findFix(scenario, 'baseline');
const arbitrary = variationArbitrary(scenario, strategyFor(scenario, fix, strategy));
const inputs = fc.sample(arbitrary, { seed: SEED, numRuns: Number(runsArg) }) as Variation[];

const rates: number[] = [];
let steps = 0;
for (let round = 0; round <= Number(roundsArg); round++) {
  steps = 0;
  const seconds = cpuSeconds(() => {
    for (const v of inputs) steps += runOnce(scenario, fix, v).sim.steps;
  });
  if (round > 0) rates.push(inputs.length / seconds);
}
console.log(JSON.stringify({ rates, stepsPerRun: steps / inputs.length }));
