// Every report counts what the exploration ran in the same unit: the schedules of an exhaustive
// search, the runs of a sampled strategy, decided in one place from the reports alone; and a
// counterexample's size says "kept" only for a run that was shrunk.
import { describe, expect, it } from 'vitest';
import { exploredBy } from '../../src/explore/results.ts';
import { validate } from '../../src/explore/validate.ts';
import { validateJunit } from '../../src/report/junit.ts';
import { validateMarkdown } from '../../src/report/markdown.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { SEED_SCENARIO } from '../explore/seed-scenario.ts';
import { RESULT, TARGET, replayCounterexample } from './results.ts';

const BASELINE = findFix(SEED_SCENARIO, 'baseline');
const EXHAUSTIVE = { kind: 'exhaustive', preemptions: 2 } as const;

describe('exploredBy', () => {
  it('counts the runs of every fix of a sampled exploration', () => {
    expect(exploredBy(RESULT.fixes)).toEqual({ unit: 'run', total: 90 });
  });

  it('counts schedules for an exhaustive search, as many as it ran', () => {
    const result = validate(SEED_SCENARIO, [BASELINE], { runs: 3, seed: 1, strategy: EXHAUSTIVE });
    expect(exploredBy(result.fixes)).toEqual({ unit: 'schedule', total: 3 });
  });

  it('counts runs for no report at all', () => {
    expect(exploredBy([])).toEqual({ unit: 'run', total: 0 });
  });
});

describe('reports of a single run or schedule', () => {
  const options = { replay: replayCounterexample };

  it('say "1 generated run (1 run in all)" and "1 of 1 run violated"', () => {
    const result = validate(SEED_SCENARIO, [BASELINE], { runs: 1, seed: 1 });
    const markdown = validateMarkdown(result, TARGET, options);

    expect(markdown).toContain('seed 1, 1 run per fix.');
    expect(markdown).toContain('every fix went through the same 1 generated run (1 run in all)');
    expect(validateJunit(result, TARGET)).toContain('message="1 of 1 run violated');
  });

  it('say "at most 1 schedule per fix (1 schedule in all)" for an exhaustive search', () => {
    const result = validate(SEED_SCENARIO, [BASELINE], { runs: 1, seed: 1, strategy: EXHAUSTIVE });
    const markdown = validateMarkdown(result, TARGET, options);

    expect(markdown).toContain('seed 1, at most 1 schedule per fix.');
    expect(markdown).toContain('at most 1 schedule per fix (1 schedule in all)');
    expect(markdown).toContain('Each cell counts the schedules, out of the schedules per fix');
    expect(validateJunit(result, TARGET)).toContain('message="1 of 1 schedule violated');
  });
});

describe("a counterexample's size line", () => {
  const options = { replay: replayCounterexample };

  it('says "kept" for a run fast-check shrunk', () => {
    const markdown = validateMarkdown(RESULT, TARGET, options);
    expect(markdown).toMatch(/^- kept \d+ (events[:,] |of the scenario's 10 events)/m);
    expect(markdown).not.toMatch(/^- emitted /m);
  });

  it('says "emitted" for a schedule of the exhaustive search, which is not shrunk', () => {
    const result = validate(SEED_SCENARIO, [BASELINE], { runs: 1, seed: 1, strategy: EXHAUSTIVE });
    const markdown = validateMarkdown(result, TARGET, options);
    expect(markdown).toMatch(/^- emitted \d+ of the scenario's 10 events \(/m);
    expect(markdown).not.toMatch(/^- kept /m);
  });
});
