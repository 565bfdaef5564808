// A counterexample replayed on real sockets: stop-while-writing (process 1 stops the shared
// DataStorage while process 2 still writes; the seed's race in 13 s) runs against the node:http
// stand-in at 1/5 of real time, under three seconds. Its refused attempts must be the predicted
// ones, in the same order, each within TOLERANCE_REAL_MS of the predicted moment, with real
// ECONNREFUSED errors; and nothing may listen on the stand-in's port afterwards.
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../src/explore/run.ts';
import { orderedAttempts } from '../../src/fidelity/compare.ts';
import { LOOPBACK } from '../../src/fidelity/real-datastorage.ts';
import { runReferenceReal } from '../../src/fidelity/real-run.ts';
import { REAL_TIME } from '../../src/cli/wallclock.ts';
import { compareTiming } from '../../src/fidelity/timing.ts';
import type { History } from '../../src/model/history.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { cli } from '../cli/cli.ts';

const COUNTEREXAMPLE = fileURLToPath(new URL('fixtures/stop-while-writing.json', import.meta.url));

/** Real ms per scenario ms: the 13.3 s scenario takes 2.7 real seconds. */
const TIME_SCALE = 0.2;

/**
 * How far in real time an observed attempt may start from its predicted moment: timer lateness,
 * connects and a busy CI machine (measured: under 10 ms on a quiet machine, under 40 ms with
 * the whole test suite running beside it on two cores). The scenario keeps its events and ticks
 * 500 scenario ms (100 real ms) apart, so that such lateness cannot reorder them.
 */
const TOLERANCE_REAL_MS = 75;

function refused(history: History): string[] {
  return orderedAttempts(history)
    .filter((a) => a.result === 'refused')
    .map((a) => `p${a.process} batch ${a.batchId} attempt ${a.attempt}`);
}

/** Resolves with the error code a connect to 127.0.0.1:port meets, or 'connected'. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('a real-socket replay of a counterexample', () => {
  it('meets real ECONNREFUSED at the predicted attempts, in order and on time', async () => {
    const scenario = loadScenarioFile(COUNTEREXAMPLE);
    const predicted = runOnce(scenario, findFix(scenario, 'baseline'), zeroVariation(scenario));
    const observed = await runReferenceReal(predicted.spec, {
      realTime: REAL_TIME,
      timeScale: TIME_SCALE,
      hardCapMs: 30_000,
    });

    expect(observed.end).toEqual({ kind: 'halted' });
    expect(refused(predicted.sim.history)).toHaveLength(3);
    expect(refused(observed.history)).toEqual(refused(predicted.sim.history));

    const timing = compareTiming(predicted.sim.history, observed.history);
    const largestMs = Math.abs(timing.largest?.deltaMs ?? 0) * TIME_SCALE;
    console.info(`real-socket replay: largest timing difference ${largestMs.toFixed(1)} real ms`);
    const pairs = timing.pairs;
    const refusedPairs = pairs.filter((p) => p.predicted?.result === 'refused');
    for (const pair of refusedPairs) {
      expect(pair.observedError).toContain(`connect ECONNREFUSED ${LOOPBACK}:${observed.port}`);
      expect(Math.abs(pair.deltaMs!) * TIME_SCALE).toBeLessThanOrEqual(TOLERANCE_REAL_MS);
    }

    expect(await probe(observed.port)).toBe('ECONNREFUSED');
  });

  it('is what `replay --real` prints, and the command leaves nothing listening', async () => {
    // single-process-outage refuses from 3 to 6 s: its second batch meets a closed listener.
    const args = [
      'replay',
      'scenarios/single-process-outage.json',
      '--real',
      '--time-scale',
      '0.1',
    ];
    const run = await cli(args);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(/^Attempts: \d+ predicted, \d+ observed/m);
    expect(run.stdout).toMatch(/refused .*connect ECONNREFUSED 127\.0\.0\.1:\d+/);
    const port = Number(/DataStorage stand-in on 127\.0\.0\.1:(\d+)/.exec(run.stdout)?.[1]);
    expect(await probe(port)).toBe('ECONNREFUSED');
  });
});
