// The counted phrases every report shares: a count agrees with its noun, and a counterexample's
// size is given beside the scenario as written, so "kept" says what was kept of what.
import { describe, expect, it } from 'vitest';
import type { Kept } from '../../src/explore/results.ts';
import { count, sizePhrase } from '../../src/report/phrases.ts';

const SEED = { scenarioEvents: 10, scenarioProcesses: 4, processes: 4, decisions: 60 };

/** The phrase of a shrunk counterexample (found by fast-check, so no schedule). */
const keptPhrase = (kept: Kept) => sizePhrase({ kept, schedule: null });

describe('count', () => {
  it('puts the noun in the singular for one and in the plural otherwise', () => {
    expect(count(1, 'preemption')).toBe('1 preemption');
    expect(count(0, 'preemption')).toBe('0 preemptions');
    expect(count(2, 'process')).toBe('2 processes');
    expect(count(3, 'fix')).toBe('3 fixes');
  });
});

describe('sizePhrase', () => {
  it("compares the run's events with the scenario's when no late burst was added", () => {
    expect(keptPhrase({ ...SEED, events: 10, lateEvents: 0 })).toBe(
      "kept 10 of the scenario's 10 events (4 of 4 processes), 60 scheduling decisions",
    );
  });

  it('says how many events the late bursts added', () => {
    expect(keptPhrase({ ...SEED, events: 12, lateEvents: 2 })).toBe(
      "kept 12 events: the scenario's 10 and 2 late (4 of 4 processes), 60 scheduling decisions",
    );
  });

  it('says "of" when the run emitted fewer than its bursts hold', () => {
    expect(keptPhrase({ ...SEED, events: 11, processes: 3, lateEvents: 2 })).toBe(
      "kept 11 of 12 events, the scenario's 10 and 2 late (3 of 4 processes), " +
        '60 scheduling decisions',
    );
  });

  it('agrees in number with one event, one process and one decision', () => {
    const one = { scenarioEvents: 1, scenarioProcesses: 1, processes: 1, decisions: 1 };
    expect(keptPhrase({ ...one, events: 1, lateEvents: 0 })).toBe(
      "kept 1 of the scenario's 1 event (1 of 1 process), 1 scheduling decision",
    );
  });

  it('says "emitted" for a run of the exhaustive search, which is not shrunk', () => {
    const kept = { ...SEED, events: 10, lateEvents: 0 };
    expect(sizePhrase({ kept, schedule: { index: 17, preemptions: 1 } })).toBe(
      "emitted 10 of the scenario's 10 events (4 of 4 processes), 60 scheduling decisions",
    );
  });
});
