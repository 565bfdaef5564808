// The determinism of the models: the same RunSpec and the same decisions give deep-equal
// histories, for a run with several processes, retries, jitter and a shared DataStorage.
import { describe, expect, it } from 'vitest';

import { SeededDecisions, TapeDecisions } from '../../src/sim/decisions.ts';
import type { RunSpec } from '../../src/model/suite.ts';
import { always, processSpec, run, runSpec } from './run-spec.ts';

/** Four processes of the head profile on a DataStorage that refuses from 3 s on. */
function busySuite(): RunSpec {
  const events = (offset: number) => [
    { atMs: 200 + offset, count: 3 },
    { atMs: 2_500 + offset, count: 2 },
    { atMs: 6_000 + offset, count: 4 },
  ];
  return runSpec('kubernaut-2026-07-01', {
    dataStorage: { ...always('refuse'), outages: [{ fromMs: 3_000, toMs: null, mode: 'refuse' }] },
    processes: [1, 2, 3, 4].map((id) =>
      processSpec(id, { specEndMs: 5_000 + 1_000 * id, events: events(100 * id) }),
    ),
    plan: [
      { step: 'flush', timeoutMs: 10_000 },
      { step: 'close' },
      { step: 'cancelManager' },
      { step: 'stopEnv' },
      { step: 'stopDataStorage' },
    ],
    managerDrainMs: 2_000,
  });
}

describe('model determinism', () => {
  it('gives deep-equal histories for the same spec and tape, twice', () => {
    const tape = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9, 0, 4, 5, 2, 3, 5, 3, 6];

    const first = run(busySuite(), new TapeDecisions(tape));
    const second = run(busySuite(), new TapeDecisions(tape));

    expect(second).toEqual(first);
    expect(first.history.attempts.length).toBeGreaterThan(4);
    expect(first.decisions).toBeGreaterThan(tape.length);
  });

  it('gives deep-equal histories for the same spec and seed, twice', () => {
    expect(run(busySuite(), new SeededDecisions(99))).toEqual(
      run(busySuite(), new SeededDecisions(99)),
    );
  });

  it('gives other histories for other seeds (the decisions steer the run)', () => {
    const digests = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
        JSON.stringify(run(busySuite(), new SeededDecisions(seed)).history.attempts),
      ),
    );

    expect(digests.size).toBeGreaterThan(1);
  });
});
