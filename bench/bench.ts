// `npm run bench`: runs per second of the core on the seed's four-process scenario and on a
// single-process one, and per fix the runs and time to the first counterexample. A benchmark, not
// a test: it prints numbers and asserts nothing.
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import { variationArbitrary } from '../src/explore/arbitrary.ts';
import { runOnce } from '../src/explore/run.ts';
import { findFix, fixesFor } from '../src/scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../src/scenario/load.ts';
import type { Variation } from '../src/scenario/resolve.ts';

const SEED = 20260104;
const SAMPLES = Number(process.env.BENCH_RUNS ?? 20_000);

function samples(scenario: Scenario, count: number): Variation[] {
  return fc.sample(variationArbitrary(scenario), { seed: SEED, numRuns: count }) as Variation[];
}

/** Core runs/s: resolve + simulate + every property, inputs generated beforehand. */
function coreRate(scenario: Scenario): { rate: number; steps: number } {
  const fix = findFix(scenario, 'baseline');
  const inputs = samples(scenario, SAMPLES);
  for (const v of inputs.slice(0, 500)) runOnce(scenario, fix, v);
  let steps = 0;
  const started = performance.now();
  for (const v of inputs) steps += runOnce(scenario, fix, v).sim.steps;
  const seconds = (performance.now() - started) / 1_000;
  return { rate: inputs.length / seconds, steps: steps / inputs.length };
}

function firstCounterexample(scenario: Scenario) {
  const rows: string[][] = [];
  for (const fix of fixesFor(scenario)) {
    const started = performance.now();
    let runs = 0;
    const property = fc.property(variationArbitrary(scenario), (v) => {
      runs++;
      return runOnce(scenario, fix, v).findings.length === 0;
    });
    const out = fc.check(property, { seed: SEED, numRuns: 5_000, endOnFailure: true });
    const ms = performance.now() - started;
    const found = out.failed ? `${runs} runs, ${ms.toFixed(1)} ms` : `none in ${runs} runs`;
    rows.push([fix.name, found]);
  }
  return rows;
}

const scenarios = [
  'scenarios/workflowexecution-ci-20696658360.json',
  'scenarios/single-process-outage.json',
].map((path) => loadScenarioFile(path));

const rates = new Table({ head: ['scenario', 'processes', 'runs/s (one core)', 'steps/run'] });
for (const scenario of scenarios) {
  const { rate, steps } = coreRate(scenario);
  rates.push([scenario.name, scenario.processes.length, rate.toFixed(0), steps.toFixed(0)]);
}
console.log(`Core throughput, strategy random, ${SAMPLES} runs each:\n${rates.toString()}`);

const first = new Table({ head: ['fix', 'first counterexample (random, any property)'] });
first.push(...firstCounterexample(scenarios[0]!));
console.log(`\nTime to the first counterexample on ${scenarios[0]!.name}:\n${first.toString()}`);
