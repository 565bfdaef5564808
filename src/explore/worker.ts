// An exploration worker: explores the fixes it is sent, one at a time, and posts each report
// back. Every fix's exploration is seeded on its own, so which worker runs it changes nothing.
import { parentPort } from 'node:worker_threads';
import { findFix } from '../scenario/fixes.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Strategy } from './arbitrary.ts';
import { validateFix } from './validate.ts';

export interface WorkerJob {
  readonly index: number;
  readonly scenario: Scenario;
  readonly fix: string;
  readonly runs: number;
  readonly seed: number;
  readonly strategy: Strategy;
}

const port = parentPort!;
port.on('message', (job: WorkerJob) => {
  const { index, scenario, runs, seed, strategy } = job;
  const report = validateFix(scenario, findFix(scenario, job.fix), {
    runs,
    seed,
    strategy,
    onProgress: ({ done, violating }) => {
      if (done % 50 === 0 || done === runs)
        port.postMessage({ kind: 'progress', index, done, violating });
    },
  });
  port.postMessage({ kind: 'done', index, report });
});
