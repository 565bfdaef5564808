// Spreading fixes over worker threads must not change a single number: the result with two
// workers equals the result on the main thread, field for field.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateInWorkers } from '../../src/explore/parallel.ts';
import { validate } from '../../src/explore/validate.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';

const SCENARIO = join(
  import.meta.dirname,
  '..',
  '..',
  'scenarios',
  'workflowexecution-ci-20696658360.json',
);

describe('validate --workers', () => {
  it('gives the same result with two worker threads as on one thread', async () => {
    const scenario = loadScenarioFile(SCENARIO);
    const fixes = ['baseline', 'A', 'E'].map((name) => findFix(scenario, name));
    const options = { runs: 60, seed: 7 };

    const alone = validate(scenario, fixes, options);
    const spread = await validateInWorkers(scenario, fixes, options, 2);

    expect(spread).toEqual(alone);
    expect(spread.fixes.map((f) => f.fix)).toEqual(['baseline', 'A', 'E']);
  });
});
