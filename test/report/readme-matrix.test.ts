// README.md shows the matrix `npm start` prints for the seed's CI run: it must be that output,
// to the character, or a reader compares their run with a table the tool no longer prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/explore/validate.ts';
import { renderMatrix } from '../../src/report/matrix.ts';
import { SEED_FIXES, SEED_SCENARIO } from '../explore/seed-scenario.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The first fenced block that starts with the seed scenario's matrix header. */
function readmeMatrix(): string {
  const start = README.indexOf(`\`\`\`\nScenario ${SEED_SCENARIO.name} `);
  if (start === -1) return '';
  const body = start + '```\n'.length;
  return README.slice(body, README.indexOf('\n```', body));
}

describe('README.md', () => {
  it("shows the seed's matrix exactly as npm start prints it (1000 runs, seed 1)", () => {
    const result = validate(SEED_SCENARIO, SEED_FIXES, { runs: 1000, seed: 1 });

    expect(readmeMatrix()).toBe(renderMatrix(result));
  });
});
