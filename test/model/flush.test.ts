// Pins Flush: which events a flush writes on 2026-01-04 and from 2026-01-24, its nil reply even
// when the write gave up, its deadline, and its refusal once the store is closed.
import { describe, expect, it } from 'vitest';

import {
  always,
  attemptTimeline,
  dataStorage,
  only,
  preferLast,
  processSpec,
  run,
  runSpec,
} from './run-spec.ts';

/**
 * Event 1 at 0.5 s is written on the 1 s tick, and that write takes 2 s. Events 2 and 3 arrive
 * at 1.5 s and stay queued in the channel while it is in flight; Flush(10 s) comes at 2 s.
 */
function flushWhileWriterBusy(profileName: string) {
  const events = [
    { atMs: 500, count: 1 },
    { atMs: 1_500, count: 2 },
  ];
  return runSpec(profileName, {
    dataStorage: dataStorage({ latencyMs: 2_000 }),
    processes: [processSpec(1, { specEndMs: 2_000, events })],
    plan: [{ step: 'flush', timeoutMs: 10_000 }],
  });
}

describe('Flush', () => {
  // When the write returns at 3 s, queued events, a tick and the flush request are all ready;
  // the schedule where the writer takes the flush request first is the one that tells apart.
  it('leaves events queued in the channel out of the flush on 2026-01-04', () => {
    const { history } = run(flushWhileWriterBusy('kubernaut-2026-01-04'), preferLast());

    expect(only(history, 'flush')).toMatchObject({ startMs: 2_000, endMs: 3_000, error: null });
    expect(history.attempts.map((a) => a.eventIds)).toEqual([[1]]);
    expect([...history.persisted]).toEqual([1]);
  });

  it('drains the queued events into the flushed batch from 2026-01-24', () => {
    const { history } = run(flushWhileWriterBusy('kubernaut-2026-01-24'), preferLast());

    expect(only(history, 'flush')).toMatchObject({ startMs: 2_000, endMs: 5_000, error: null });
    expect(history.attempts.map((a) => [a.startMs, a.endMs, a.eventIds])).toEqual([
      [1_000, 3_000, [1]],
      [3_000, 5_000, [2, 3]],
    ]);
    expect([...history.persisted].sort()).toEqual([1, 2, 3]);
  });

  it('replies nil even when the write of the flushed batch gave up', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: always('refuse'),
      processes: [processSpec(1, { specEndMs: 600 })],
      plan: [{ step: 'flush', timeoutMs: 10_000 }],
    });

    const { history } = run(spec);

    expect(attemptTimeline(history)).toEqual([
      [600, 600, 'refused'],
      [1_600, 1_600, 'refused'],
      [5_600, 5_600, 'refused'],
    ]);
    expect(only(history, 'flush')).toMatchObject({ endMs: 5_600, outcome: 'ok', error: null });
    expect(history.persisted.size).toBe(0);
  });

  it('returns "flush timeout" at its deadline when the writer is still writing', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: always('hung'),
      processes: [processSpec(1, { specEndMs: 600 })],
      plan: [{ step: 'flush', timeoutMs: 2_000 }],
    });

    const { history } = run(spec);

    expect(only(history, 'flush')).toMatchObject({
      startMs: 600,
      endMs: 2_600,
      outcome: 'failed',
      error: 'flush timeout',
    });
  });

  // A Flush that timed out leaves its request in the flush channel; Close then closes the event
  // channel. The drain loop of 2026-01-24 ignores ok, so on the closed channel it never ends.
  it('spins in the drain loop when a stale flush request meets the closed channel', () => {
    const spec = runSpec('kubernaut-2026-01-24', {
      dataStorage: always('hung'),
      processes: [processSpec(1, { specEndMs: 2_000 })],
      plan: [{ step: 'flush', timeoutMs: 1_000 }, { step: 'close' }],
      budgets: { maxSteps: 20_000, maxVirtualMs: 3_600_000 },
    });

    const { history, end } = run(spec, preferLast());

    expect(only(history, 'flush').error).toBe('flush timeout');
    expect(history.budget).toMatchObject({ kind: 'steps', atMs: 21_000 });
    expect(end.kind === 'steps' && end.goroutines).toContain('p1.audit-writer');
  });

  it('returns "audit store is closed" after Close', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      plan: [{ step: 'close' }, { step: 'flush', timeoutMs: 10_000 }],
    });

    const { history } = run(spec);

    expect(only(history, 'close').error).toBeNull();
    expect(only(history, 'flush')).toMatchObject({
      outcome: 'failed',
      error: 'audit store is closed',
    });
    expect(history.logs.filter((l) => l.level === 'WARN').map((l) => l.fields)).toEqual([
      { error: 'audit store is closed' },
    ]);
  });
});
