// The published JSON Schema of scenario files is generated from the zod schema; this keeps the
// committed copy in docs/ from going stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.ts';

describe('docs/scenario.schema.json', () => {
  it('matches the schema generated from zod (regenerate: npx audit-race schema)', () => {
    const file = join(import.meta.dirname, '..', '..', 'docs', 'scenario.schema.json');
    const committed = readFileSync(file, 'utf8');
    expect(committed).toBe(scenarioJsonSchema());
  });

  it('names every teardown step a scenario may use', () => {
    const text = scenarioJsonSchema();
    const steps = ['flush', 'close', 'cancelManager', 'stopEnv', 'stopDataStorage', 'sleep'];
    steps.push('ignoreCloseError', 'synchronized', 'parallel', 'exit');
    for (const step of steps) {
      expect(text).toContain(`"const": "${step}"`);
    }
  });
});
