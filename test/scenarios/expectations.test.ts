// Every scenario file that states an `expect` block is explored here, and what it states must be
// what exploration finds: the violations it names are found (not forced: the generators must
// reach them), the properties it says hold show no violation in any run.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFix } from '../../src/explore/validate.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';

const ROOT = join(import.meta.dirname, '..', '..', 'scenarios');
const SEED = Number(process.env.AUDIT_RACE_SEED ?? 424242);

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scenarioFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

const withExpectations = scenarioFiles(ROOT)
  .map((path) => ({ path, scenario: loadScenarioFile(path) }))
  .filter(({ scenario }) => scenario.expect !== undefined);

describe('scenario files with expectations', () => {
  it('exist', () => {
    expect(withExpectations.length).toBeGreaterThan(0);
  });

  for (const { path, scenario } of withExpectations) {
    const stated = scenario.expect!;
    const name = `${relative(ROOT, path)} (fix ${stated.fix})`;

    const finds = stated.violates.join(', ') || 'nothing';
    const holds = stated.holds.join(', ') || '-';
    it(`${name}: finds ${finds}; holds ${holds}`, () => {
      const report = validateFix(scenario, findFix(scenario, stated.fix), {
        runs: stated.runs,
        seed: SEED,
      });

      for (const verdict of stated.violates) {
        expect(report.violations[verdict], `${verdict} should be found in ${path}`).toBeGreaterThan(
          0,
        );
      }
      for (const verdict of stated.holds) {
        const found = report.counterexamples.find((c) => c.verdict === verdict);
        const file = relative(process.cwd(), path);
        const replay =
          found === undefined
            ? ''
            : ` replay: npx audit-race replay ${file} --fix ${stated.fix} --case ${found.caseCode}`;
        expect(report.violations[verdict], `${verdict} should hold in ${path};${replay}`).toBe(0);
      }
    });
  }
});
