// Spreads the fixes of one validation over worker threads. Each fix is explored exactly as on one
// thread (same seed, same runs) and the reports are put back in the fixes' order, so the result
// is the same as with one worker, only sooner.
import { Worker } from 'node:worker_threads';
import type { Fix } from '../scenario/fixes.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { FixReport, ValidateResult } from './results.ts';
import type { ValidateOptions } from './validate.ts';
import type { WorkerJob } from './worker.ts';
import { RANDOM } from './arbitrary.ts';

type Message =
  | {
      readonly kind: 'progress';
      readonly index: number;
      readonly done: number;
      readonly violating: number;
    }
  | { readonly kind: 'done'; readonly index: number; readonly report: FixReport };

export async function validateInWorkers(
  scenario: Scenario,
  fixes: readonly Fix[],
  options: ValidateOptions,
  workers: number,
): Promise<ValidateResult> {
  const reports: FixReport[] = new Array<FixReport>(fixes.length);
  const jobs: WorkerJob[] = fixes.map((fix, index) => ({
    index,
    scenario,
    fix: fix.name,
    runs: options.runs,
    seed: options.seed,
    strategy: options.strategy ?? RANDOM,
  }));
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => spawn());
  let next = 0;

  await Promise.all(
    pool.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const feed = () => {
            const job = jobs[next++];
            if (job === undefined) return resolve();
            worker.postMessage(job);
          };
          worker.on('message', (message: Message) => {
            const fix = fixes[message.index]!.name;
            const total = options.runs;
            if (message.kind === 'progress') {
              const { done, violating } = message;
              options.onProgress?.({ fix, done, total, violating });
              return;
            }
            reports[message.index] = message.report;
            feed();
          });
          worker.on('error', reject);
          feed();
        }),
    ),
  ).finally(() => Promise.all(pool.map((w) => w.terminate())));

  const { runs, seed } = options;
  return { scenario: scenario.name, profile: scenario.profile, seed, runs, fixes: reports };
}

function spawn(): Worker {
  return new Worker(new URL('./worker-entry.mjs', import.meta.url));
}
