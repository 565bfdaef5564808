// Pins Close: the final batch from the events still queued, the errors it returns, its 30 s
// timeout on a hung DataStorage with the writer left running, the second Close, and when the
// store context is cancelled on 2026-02-07 and 2026-02-08.
import { describe, expect, it } from 'vitest';

import type { TeardownStep } from '../../src/model/teardown.ts';
import {
  BATCH_URL,
  always,
  attemptTimeline,
  calls,
  dataStorage,
  only,
  processSpec,
  run,
  runSpec,
  storeLog,
} from './run-spec.ts';

/**
 * DataStorage hangs: batch 1 (event 1, on the 1 s tick) takes its ~20 s of attempts. Event 2
 * arrives at 1.5 s and stays queued; Close at 2.5 s; it becomes the final batch at 21 s.
 */
function closeOnHungDataStorage(profileName: string, plan: TeardownStep[]) {
  const events = [
    { atMs: 500, count: 1 },
    { atMs: 1_500, count: 1 },
  ];
  return run(
    runSpec(profileName, {
      dataStorage: always('hung'),
      processes: [processSpec(1, { specEndMs: 2_500, events })],
      plan,
    }),
  ).history;
}

describe('Close', () => {
  it('writes the events still queued in the channel as a final batch, then returns nil', () => {
    const events = [
      { atMs: 500, count: 1 },
      { atMs: 1_500, count: 2 },
    ];
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: dataStorage({ latencyMs: 2_000 }),
      processes: [processSpec(1, { specEndMs: 2_000, events })],
    });

    const { history } = run(spec);

    expect(history.attempts.map((a) => [a.startMs, a.eventIds])).toEqual([
      [1_000, [1]],
      [3_000, [2, 3]],
    ]);
    expect(only(history, 'close')).toMatchObject({ startMs: 2_000, endMs: 5_000, error: null });
    expect(history.writers).toEqual([{ process: 1, startedMs: 0, exitedMs: 5_000 }]);
  });

  it('returns "closed with N failed batches" after batches were dropped', () => {
    const events = [
      { atMs: 500, count: 1 },
      { atMs: 10_000, count: 1 },
    ];
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: always('refuse'),
      processes: [processSpec(1, { specEndMs: 30_000, events })],
    });

    const { history } = run(spec);

    expect(only(history, 'close')).toMatchObject({
      outcome: 'failed',
      error: 'closed with 2 failed batches',
    });
  });

  it('times out after 30 s on a hung DataStorage and leaves the writer running', () => {
    const history = closeOnHungDataStorage('kubernaut-2026-01-04', [{ step: 'close' }]);

    expect(only(history, 'close')).toMatchObject({
      startMs: 2_500,
      endMs: 32_500,
      outcome: 'failed',
      error: 'timeout waiting for audit store to close',
    });
    expect(history.writers).toEqual([{ process: 1, startedMs: 0, exitedMs: null }]);
    expect(history.endMs).toBe(32_500);
  });

  it('lets the writer go on with its retries after a timed-out Close returned', () => {
    const plan: TeardownStep[] = [{ step: 'close' }, { step: 'sleep', ms: 15_000 }];
    const history = closeOnHungDataStorage('kubernaut-2026-01-04', plan);

    expect(attemptTimeline(history).slice(3)).toEqual([
      [21_000, 26_000, 'timeout'],
      [27_000, 32_000, 'timeout'],
      [36_000, 41_000, 'timeout'],
    ]);
    expect(history.writers[0]!.exitedMs).toBe(41_000);
  });

  it('cancels the store context on its timeout from 2026-02-08, ending the retry sleep', () => {
    const plan: TeardownStep[] = [{ step: 'close' }, { step: 'sleep', ms: 1_000 }];
    const history = closeOnHungDataStorage('kubernaut-2026-02-08', plan);

    expect(only(history, 'close').error).toBe('timeout waiting for audit store to close');
    expect(attemptTimeline(history)).toHaveLength(5);
    expect(history.logs.at(-1)).toMatchObject({
      atMs: 32_500,
      message: 'AUDIT DATA LOSS: dropping batch',
      fields: { batch_size: 1, reason: 'shutdown during retry backoff' },
    });
    expect(history.writers[0]!.exitedMs).toBe(32_500);
  });

  it('returns nil at once on a second Close', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: always('refuse'),
      processes: [processSpec(1, { specEndMs: 30_000 })],
      plan: [{ step: 'close' }, { step: 'close' }],
    });

    const { history } = run(spec);

    expect(calls(history, 'close').map((c) => [c.startMs, c.endMs, c.error])).toEqual([
      [30_000, 30_000, 'closed with 1 failed batches'],
      [30_000, 30_000, null],
    ]);
  });
});

describe('store context on Close', () => {
  /** Event 1 sits in the writer's batch when Close comes at 0.7 s, before the first tick. */
  function closeWithBatchPending(profileName: string) {
    return run(runSpec(profileName, { processes: [processSpec(1, { specEndMs: 700 })] })).history;
  }

  it('fails the final batch with "context canceled" on 2026-02-07, which cancels first', () => {
    const history = closeWithBatchPending('kubernaut-2026-02-07');

    expect(history.logs.find((l) => l.message === 'Failed to write audit batch')?.fields).toEqual({
      attempt: 1,
      batch_size: 1,
      error: `network error: Post "${BATCH_URL}": context canceled`,
    });
    // Go's transport gives up before dialling on a done context: nothing reaches DataStorage.
    expect(history.attempts).toEqual([]);
    expect(storeLog(history)).toContainEqual([700, 'ERROR', 'AUDIT DATA LOSS: dropping batch']);
    expect(history.persisted.size).toBe(0);
    expect(only(history, 'close').error).toBe('closed with 1 failed batches');
  });

  it('writes the final batch on 2026-02-08, which cancels only after the writer finished', () => {
    const history = closeWithBatchPending('kubernaut-2026-02-08');

    expect(attemptTimeline(history)).toEqual([[700, 710, 'ok']]);
    expect([...history.persisted]).toEqual([1]);
    expect(only(history, 'close')).toMatchObject({ endMs: 710, error: null });
  });
});
