// How runs are compared: the first differing write attempt or verdict, verdicts judged at the
// run's end left out on request, and predicted against observed attempts paired with their
// timing difference and the error the observed one met.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/fidelity/compare.ts';
import { compareTiming } from '../../src/fidelity/timing.ts';
import { attempt, history, log } from '../check/build-history.ts';

const refused = (startMs: number, n: number) =>
  attempt({ attempt: n, startMs, endMs: startMs, result: 'refused', eventIds: [1, 2] });

describe('compareRuns', () => {
  it('names the first write attempt that differs, on each side', () => {
    const core = {
      history: history({ attempts: [refused(1_000, 1), refused(2_000, 2)] }),
      findings: [],
    };
    const reference = {
      history: history({ attempts: [refused(1_000, 1), refused(2_500, 2)] }),
      findings: [],
    };
    expect(compareRuns(core, reference)).toEqual([
      {
        what: 'attempts',
        index: 1,
        core: '2000 ms p1 batch 1 attempt 2: 2 events, refused',
        reference: '2500 ms p1 batch 1 attempt 2: 2 events, refused',
      },
    ]);
  });
});

describe('compareTiming', () => {
  it('pairs attempts by process, batch and attempt, with the observed error and delay', () => {
    const predicted = history({ attempts: [refused(1_000, 1), refused(2_000, 2)] });
    const error = 'network error: Post "u": connect ECONNREFUSED 127.0.0.1:4000';
    const observed = history({
      attempts: [refused(1_012, 1), refused(2_040, 2)],
      logs: [
        log(1_012.5, 'Failed to write audit batch', { fields: { attempt: 1, error } }),
        log(2_041, 'Failed to write audit batch', { fields: { attempt: 2, error } }),
      ],
    });
    const timing = compareTiming(predicted, observed);
    expect(timing.agree).toBe(true);
    expect(timing.pairs.map((p) => [p.deltaMs, p.observedError])).toEqual([
      [12, error],
      [40, error],
    ]);
    expect(timing.largest?.predicted?.attempt).toBe(2);
  });

  it('lists an attempt made on one side only, and then does not agree', () => {
    const timing = compareTiming(history({ attempts: [refused(1_000, 1)] }), history());
    expect(timing.agree).toBe(false);
    expect(timing.pairs).toEqual([
      { predicted: refused(1_000, 1), observed: null, observedError: null, deltaMs: null },
    ]);
  });
});
