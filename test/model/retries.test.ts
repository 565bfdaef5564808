// Pins the write with retries against the spec's timelines: attempts and sleeps when DataStorage
// refuses or hangs, what is retried, MaxRetries 0, and the jittered backoff of the head profile.
import { describe, expect, it } from 'vitest';

import { SeededDecisions } from '../../src/sim/decisions.ts';
import {
  BATCH_URL,
  LATENCY_MS,
  always,
  attemptTimeline,
  only,
  processSpec,
  run,
  runSpec,
  storeLog,
} from './run-spec.ts';

const JAN04 = 'kubernaut-2026-01-04';
/** The event arrives at 500 ms; the writer's first tick, and so the first attempt, is at 1 s. */
const FIRST_TICK_MS = 1_000;

/** One process, its teardown (a Close) at 30 s, DataStorage in `mode` throughout. */
function batchAgainst(profileName: string, mode: Parameters<typeof always>[0]) {
  const processes = [processSpec(1, { specEndMs: 30_000 })];
  return run(runSpec(profileName, { dataStorage: always(mode), processes })).history;
}

describe('write with retries', () => {
  it('makes attempts at 0, 1 and 5 s when DataStorage refuses, then logs AUDIT DATA LOSS', () => {
    const history = batchAgainst(JAN04, 'refuse');

    expect(attemptTimeline(history)).toEqual(
      [0, 1_000, 5_000].map((ms) => [FIRST_TICK_MS + ms, FIRST_TICK_MS + ms, 'refused']),
    );
    expect(storeLog(history).filter(([, level]) => level === 'ERROR')).toEqual([
      [1_000, 'ERROR', 'Failed to write audit batch'],
      [2_000, 'ERROR', 'Failed to write audit batch'],
      [6_000, 'ERROR', 'Failed to write audit batch'],
      [6_000, 'ERROR', 'AUDIT DATA LOSS: dropping batch'],
    ]);
    expect(history.persisted.size).toBe(0);
  });

  it('logs each failed attempt with its number, the batch size and the refusal text', () => {
    const history = batchAgainst(JAN04, 'refuse');

    expect(history.logs[0]!.fields).toEqual({
      attempt: 1,
      batch_size: 1,
      error:
        `network error: Post "${BATCH_URL}": dial tcp 127.0.0.1:18097: ` +
        'connect: connection refused',
    });
  });

  it('spends the 5 s client timeout on each attempt when DataStorage hangs: ~20 s', () => {
    const history = batchAgainst(JAN04, 'hung');

    const spans = [
      [0, 5_000],
      [6_000, 11_000],
      [15_000, 20_000],
    ];
    expect(attemptTimeline(history)).toEqual(
      spans.map(([from, to]) => [FIRST_TICK_MS + from!, FIRST_TICK_MS + to!, 'timeout']),
    );
    expect(storeLog(history)).toContainEqual([21_000, 'ERROR', 'AUDIT DATA LOSS: dropping batch']);
  });

  it('does not retry a 4xx answer: one attempt, and the batch is dropped', () => {
    const history = batchAgainst(JAN04, 'status-4xx');

    expect(attemptTimeline(history)).toEqual([[1_000, 1_000 + LATENCY_MS, 'status-4xx']]);
    expect(storeLog(history)).toContainEqual([1_010, 'ERROR', 'AUDIT DATA LOSS: dropping batch']);
    expect(only(history, 'close').error).toBe('closed with 1 failed batches');
  });

  it('does not retry a 401 before kubernaut-2026-05-06', () => {
    for (const name of [JAN04, 'kubernaut-2026-02-08']) {
      expect(attemptTimeline(batchAgainst(name, 'status-401'))).toHaveLength(1);
    }
  });

  it('retries a 401 from kubernaut-2026-05-06 on, like a 5xx', () => {
    const history = batchAgainst('kubernaut-2026-05-06', 'status-401');

    expect(attemptTimeline(history).map(([start]) => start)).toEqual([1_000, 2_010, 6_020]);
    expect(attemptTimeline(history).every(([, , result]) => result === 'status-401')).toBe(true);
  });

  it('reports an attempt ended by its context deadline as "deadline exceeded"', () => {
    const spec = runSpec('kubernaut-2026-02-08', {
      knobs: { attemptTimeoutMs: 2_000 },
      dataStorage: always('hung'),
      processes: [processSpec(1, { specEndMs: 10_000 })],
    });

    const { history } = run(spec);

    expect(attemptTimeline(history)[0]).toEqual([1_000, 3_000, expect.anything()]);
    expect(history.logs[0]!.fields['error']).toBe(
      `network error: Post "${BATCH_URL}": context deadline exceeded`,
    );
  });

  it('discards the batch with MaxRetries 0: no attempt, no count, no log', () => {
    const spec = runSpec(JAN04, { knobs: { maxAttempts: 0 } });

    const { history } = run(spec);

    expect(history.attempts).toEqual([]);
    expect(history.persisted.size).toBe(0);
    expect(history.logs.filter((line) => line.level !== 'INFO')).toEqual([]);
    expect(only(history, 'close')).toMatchObject({ outcome: 'ok', error: null });
  });
});

describe('head backoff (kubernaut-2026-07-01)', () => {
  it('sleeps 1 s then 2 s, each within +/-10 % and never under 1 s', () => {
    const processes = [processSpec(1, { specEndMs: 10_000 })];
    const spec = runSpec('kubernaut-2026-07-01', { dataStorage: always('refuse'), processes });
    const pauses: number[][] = [];

    for (let seed = 1; seed <= 40; seed++) {
      const starts = attemptTimeline(run(spec, new SeededDecisions(seed)).history).map(([s]) => s);
      expect(starts).toHaveLength(3);
      expect(starts[0]).toBe(FIRST_TICK_MS);
      pauses.push([starts[1]! - starts[0]!, starts[2]! - starts[1]!]);
    }

    for (const [first, second] of pauses) {
      expect(first).toBeGreaterThanOrEqual(1_000);
      expect(first).toBeLessThanOrEqual(1_100);
      expect(second).toBeGreaterThanOrEqual(1_800);
      expect(second).toBeLessThanOrEqual(2_200);
    }
    expect(new Set(pauses.map(([, second]) => second)).size).toBeGreaterThan(1);
  });
});
