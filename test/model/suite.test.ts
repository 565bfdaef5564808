// Pins the suite: two processes share one DataStorage and each runs the teardown plan. With a
// plain AfterSuite the first process to finish stops DataStorage under the other; with a
// synchronized step DataStorage is stopped once, after every process finished the first half.
import { describe, expect, it } from 'vitest';

import { SUITE_LOGGER } from '../../src/model/logger.ts';
import type { TeardownStep } from '../../src/model/teardown.ts';
import { always, processSpec, run, runSpec } from './run-spec.ts';

const FIRST_HALF: TeardownStep[] = [
  { step: 'close' },
  { step: 'cancelManager' },
  { step: 'stopEnv' },
];
const STOP_ENV_MS = 1_000;
const STOP_DATASTORAGE_MS = 500;

/** Process 1 ends its specs at 5 s; process 2 at 20 s, with an event at 10 s (tick at 11 s). */
function twoProcesses(plan: TeardownStep[]) {
  const spec = runSpec('kubernaut-2026-01-04', {
    plan,
    stopEnvMs: STOP_ENV_MS,
    stopDataStorageMs: STOP_DATASTORAGE_MS,
    processes: [
      processSpec(1, { specEndMs: 5_000 }),
      processSpec(2, {
        specEndMs: 20_000,
        events: [
          { atMs: 500, count: 1 },
          { atMs: 10_000, count: 1 },
        ],
      }),
    ],
  });
  return run(spec).history;
}

describe('suite teardown', () => {
  it('lets the first process to finish stop DataStorage under the other one', () => {
    const history = twoProcesses([...FIRST_HALF, { step: 'stopDataStorage' }]);

    expect(history.backendStoppedAtMs).toBe(5_000 + STOP_ENV_MS);
    expect(
      history.attempts.filter((a) => a.process === 2).map((a) => [a.startMs, a.result]),
    ).toEqual([
      [1_000, 'ok'],
      [11_000, 'refused'],
      [12_000, 'refused'],
      [16_000, 'refused'],
    ]);
  });

  it('logs WARN "Infrastructure stop failed" on the second stop of DataStorage', () => {
    const history = twoProcesses([...FIRST_HALF, { step: 'stopDataStorage' }]);

    const stops = history.logs.filter((l) => /infrastructure/i.test(l.message));
    expect(stops.map((l) => [l.atMs, l.process, l.level, l.message])).toEqual([
      [6_500, 1, 'INFO', 'DataStorage infrastructure stopped'],
      [21_500, 2, 'WARN', 'Infrastructure stop failed'],
    ]);
    expect(history.backendStoppedAtMs).toBe(6_000);
  });

  it('with synchronized, stops DataStorage once, after every process ran the first half', () => {
    const history = twoProcesses([
      ...FIRST_HALF,
      { step: 'synchronized' },
      { step: 'stopDataStorage' },
    ]);

    const lastFirstHalfEnd = Math.max(
      ...history.teardownSteps.filter((s) => s.step === 'stopEnv').map((s) => s.endMs!),
    );
    expect(lastFirstHalfEnd).toBe(21_000);
    expect(history.backendStoppedAtMs).toBe(lastFirstHalfEnd);
    expect(history.attempts.every((a) => a.result === 'ok')).toBe(true);
    expect(history.attempts.filter((a) => a.process === 2)).toHaveLength(2);
    expect(
      history.teardownSteps.filter((s) => s.step === 'stopDataStorage').map((s) => s.process),
    ).toEqual([1]);
    expect(history.logs.filter((l) => l.level === 'WARN')).toEqual([]);
  });

  it('ends the run when the last process exits, killing its writer', () => {
    const history = twoProcesses([...FIRST_HALF, { step: 'stopDataStorage' }]);

    expect(history.endMs).toBe(20_000 + STOP_ENV_MS + STOP_DATASTORAGE_MS);
    expect(history.budget).toBeNull();
    expect(history.writers.map((w) => w.exitedMs)).toEqual([5_000, 20_000]);
  });

  it('keeps emitting through the drain window after the manager is cancelled, then stops', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      managerDrainMs: 2_000,
      plan: [{ step: 'cancelManager' }, { step: 'sleep', ms: 5_000 }, { step: 'close' }],
      processes: [
        processSpec(1, {
          specEndMs: 1_000,
          events: [
            { atMs: 2_500, count: 1 },
            { atMs: 3_500, count: 1 },
          ],
        }),
      ],
    });

    const { history } = run(spec);

    expect(history.calls.filter((c) => c.call === 'storeAudit').map((c) => c.startMs)).toEqual([
      2_500,
    ]);
    expect([...history.persisted]).toEqual([1]);
  });

  it('records an ignored Close error on the call and logs no warning for it', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: always('refuse'),
      processes: [processSpec(1, { specEndMs: 30_000 })],
      plan: [{ step: 'ignoreCloseError' }, { step: 'close' }],
    });

    const { history } = run(spec);

    expect(history.calls.find((c) => c.call === 'close')).toMatchObject({
      error: 'closed with 1 failed batches',
      errorIgnored: true,
    });
    expect(history.logs.filter((l) => l.logger === SUITE_LOGGER)).toEqual([]);
  });
});
