// Pins StoreAudit: the non-blocking send and "audit buffer full", the writer's size-triggered
// write, the closed check of 2026-02-01, the panic of a send after Close before it, and the race
// the spec warns about: the closed check and the send are separate steps.
import { describe, expect, it } from 'vitest';

import { TapeDecisions } from '../../src/sim/decisions.ts';
import { always, attemptTimeline, calls, only, processSpec, run, runSpec } from './run-spec.ts';

/** Close at 2 s, then 5 s more of process life; a first event at 0.5 s and a second at 3 s. */
function eventAfterClose(profileName: string) {
  const events = [
    { atMs: 500, count: 1 },
    { atMs: 3_000, count: 1 },
  ];
  return runSpec(profileName, {
    processes: [processSpec(1, { specEndMs: 2_000, events })],
    plan: [{ step: 'close' }, { step: 'sleep', ms: 5_000 }],
  });
}

/** Every tape of `length` binary choices. */
function binaryTapes(length: number): number[][] {
  return Array.from({ length: 2 ** length }, (_, n) =>
    Array.from({ length }, (_, i) => Math.floor(n / 2 ** i) % 2),
  );
}

describe('StoreAudit', () => {
  it('returns "audit buffer full" and counts a drop when the channel is full', () => {
    const processes = [
      processSpec(1, {
        specEndMs: 30_000,
        events: [
          { atMs: 500, count: 1 },
          { atMs: 1_500, count: 3 },
        ],
      }),
    ];
    const spec = runSpec('kubernaut-2026-01-04', {
      knobs: { bufferSize: 1 },
      dataStorage: always('refuse'),
      processes,
    });

    const { history } = run(spec);

    // The writer is in its retries of event 1 from 1 s to 6 s, so only one of three fits.
    expect(calls(history, 'storeAudit').map((c) => [c.eventId, c.error])).toEqual([
      [1, null],
      [2, null],
      [3, 'audit buffer full'],
      [4, 'audit buffer full'],
    ]);
    expect(only(history, 'close').error).toBe('closed with 2 dropped events');
  });

  it('writes a batch as soon as it reaches BatchSize, without waiting for a tick', () => {
    const processes = [processSpec(1, { events: [{ atMs: 300, count: 5 }] })];
    const spec = runSpec('kubernaut-2026-01-04', { knobs: { batchSize: 2 }, processes });

    const { history } = run(spec);

    // The second batch fills while the first write is in flight (10 ms) and is written after it.
    expect(history.attempts.map((a) => [a.startMs, a.eventIds])).toEqual([
      [300, [1, 2]],
      [310, [3, 4]],
      [1_000, [5]],
    ]);
  });

  it('drops an event after Close silently from 2026-02-01: nil, and nothing persisted', () => {
    const { history } = run(eventAfterClose('kubernaut-2026-02-01'));

    const late = calls(history, 'storeAudit').find((c) => c.eventId === 2)!;
    expect(late).toMatchObject({ startMs: 3_000, endMs: 3_000, outcome: 'ok', error: null });
    expect([...history.persisted]).toEqual([1]);
    expect(history.panics).toEqual([]);
    expect(attemptTimeline(history)).toHaveLength(1);
  });

  it('panics with "send on closed channel" on a StoreAudit after Close on 2026-01-04', () => {
    const { history } = run(eventAfterClose('kubernaut-2026-01-04'));

    expect(history.panics).toEqual([
      expect.objectContaining({
        atMs: 3_000,
        process: 1,
        goroutine: 'p1.reconciler',
        message: 'send on closed channel',
      }),
    ]);
    const late = calls(history, 'storeAudit').find((c) => c.eventId === 2)!;
    expect(late).toMatchObject({ endMs: null, outcome: 'unknown' });
  });

  it('still panics on 2026-02-01 when Close runs between the closed check and the send', () => {
    const spec = runSpec('kubernaut-2026-02-01', {
      processes: [processSpec(1, { specEndMs: 2_000, events: [{ atMs: 2_000, count: 1 }] })],
      plan: [{ step: 'close' }, { step: 'sleep', ms: 1_000 }],
    });
    const outcomes = new Map<string, number[]>();

    for (const tape of binaryTapes(10)) {
      const { history } = run(spec, new TapeDecisions(tape));
      const panicked = history.panics.map((p) => `${p.goroutine}: ${p.message}`).join();
      if (!outcomes.has(panicked)) outcomes.set(panicked, tape);
    }

    expect([...outcomes.keys()].sort()).toEqual(['', 'p1.reconciler: send on closed channel']);
  });
});
