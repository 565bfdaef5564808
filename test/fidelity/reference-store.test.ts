// The reference store in virtual time against the timelines the store spec gives (shared model,
// "Timelines of one batch"), for the profiles it implements, and its refusal of knobs it does not.
import { describe, expect, it } from 'vitest';
import { runReferenceVirtual } from '../../src/fidelity/virtual-run.ts';
import { AuditRaceError } from '../../src/sim/errors.ts';
import { always, attemptTimeline, processSpec, runSpec, storeLog } from '../model/run-spec.ts';

/** One event at 500 ms; the store's ticker (1 s from 0) writes it at 1000 ms. */
const ONE_EVENT = [processSpec(1, { events: [{ atMs: 500, count: 1 }] })];

describe('the reference store', () => {
  it('retries a refused batch at 0, 1 and 5 s and drops it (kubernaut-2026-01-04)', async () => {
    const spec = runSpec('kubernaut-2026-01-04', { dataStorage: always('refuse') });
    const { history } = await runReferenceVirtual({ ...spec, processes: ONE_EVENT });
    expect(attemptTimeline(history)).toEqual([
      [1_000, 1_000, 'refused'],
      [2_000, 2_000, 'refused'],
      [6_000, 6_000, 'refused'],
    ]);
    expect(storeLog(history)).toContainEqual([6_000, 'ERROR', 'AUDIT DATA LOSS: dropping batch']);
  });

  it('spends 5 s per attempt on a hung DataStorage: 0-5, 6-11, 15-20 s', async () => {
    const spec = runSpec('kubernaut-2026-01-04', { dataStorage: always('hung') });
    const { history } = await runReferenceVirtual({ ...spec, processes: ONE_EVENT });
    expect(attemptTimeline(history)).toEqual([
      [1_000, 6_000, 'timeout'],
      [7_000, 12_000, 'timeout'],
      [16_000, 21_000, 'timeout'],
    ]);
  });

  it('backs off 1.0 and 1.8 s at the low edge of the head profile jitter', async () => {
    const spec = runSpec('kubernaut-2026-07-01', { dataStorage: always('refuse') });
    const { history } = await runReferenceVirtual({ ...spec, processes: ONE_EVENT });
    expect(attemptTimeline(history).map(([startMs]) => startMs)).toEqual([1_000, 2_000, 3_800]);
  });

  it('does not retry a 401 before 2026-05-06 and retries it from then on', async () => {
    const before = runSpec('kubernaut-2026-02-08', { dataStorage: always('status-401') });
    const after = runSpec('kubernaut-2026-05-06', { dataStorage: always('status-401') });
    const once = await runReferenceVirtual({ ...before, processes: ONE_EVENT });
    const thrice = await runReferenceVirtual({ ...after, processes: ONE_EVENT });
    expect(once.history.attempts).toHaveLength(1);
    expect(thrice.history.attempts).toHaveLength(3);
  });

  it('refuses, as not modelled, knobs of stores other than kubernaut', async () => {
    const spec = runSpec('kubernaut-2026-01-04', { knobs: { stopSignal: 'done-channel' } });
    await expect(runReferenceVirtual(spec)).rejects.toSatisfy(
      (error) => error instanceof AuditRaceError && error.code === 'NOT_MODELLED',
    );
  });
});
