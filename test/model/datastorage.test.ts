// Pins DataStorage as the store's client meets it: its state is read when a request arrives, and
// a graceful stop serves a while longer, then resets what is in flight and refuses.
import { describe, expect, it } from 'vitest';

import { dataStorage, processSpec, run, runSpec } from './run-spec.ts';

describe('DataStorage', () => {
  it('answers a request by its state on arrival, not by its state when the answer leaves', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: dataStorage({
        latencyMs: 3_000,
        outages: [{ fromMs: 2_000, toMs: 8_000, mode: 'status-5xx' }],
      }),
      processes: [
        processSpec(1, {
          specEndMs: 20_000,
          events: [
            { atMs: 500, count: 1 },
            { atMs: 4_500, count: 1 },
          ],
        }),
      ],
    });

    const { history } = run(spec);

    expect(history.attempts.map((a) => [a.startMs, a.endMs, a.result, a.eventIds])).toEqual([
      [1_000, 4_000, 'ok', [1]],
      [5_000, 8_000, 'status-5xx', [2]],
      [9_000, 12_000, 'ok', [2]],
    ]);
    expect([...history.persisted]).toEqual([1, 2]);
  });

  it('serves through the stop grace, then resets requests in flight and refuses new ones', () => {
    const spec = runSpec('kubernaut-2026-01-04', {
      dataStorage: dataStorage({ stopGraceMs: 5_000, latencyMs: 2_000 }),
      plan: [{ step: 'stopDataStorage' }, { step: 'sleep', ms: 6_500 }],
      processes: [
        processSpec(1, {
          specEndMs: 1_500,
          events: [
            { atMs: 500, count: 1 },
            { atMs: 5_500, count: 1 },
          ],
        }),
      ],
    });

    const { history } = run(spec);

    expect(history.backendStoppedAtMs).toBe(1_500);
    expect(history.attempts.map((a) => [a.startMs, a.endMs, a.result])).toEqual([
      [1_000, 3_000, 'ok'],
      [6_000, 6_500, 'reset'],
      [7_500, 7_500, 'refused'],
    ]);
    expect([...history.persisted]).toEqual([1]);
  });
});
