// The Markdown report is what a reviewer reads in a pull request: the matrix as a table, each
// failing fix's counterexamples with timeline lines, a Mermaid picture and the replay command,
// and the facts of the run.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/explore/validate.ts';
import { validateMarkdown } from '../../src/report/markdown.ts';
import { findFix } from '../../src/scenario/fixes.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { RESULT, TARGET, replayCounterexample } from './results.ts';

describe('validateMarkdown', () => {
  const report = validateMarkdown(RESULT, TARGET, { replay: replayCounterexample, elapsedS: 1.5 });

  it('gives the matrix as a table with a column per fix and a row per verdict', () => {
    expect(report).toContain('| property | baseline | E | cancel-first+A+E |');
    expect(report).toMatch(/^\| no-write-after-stop \| \*\*30\*\* \| 0 \| 0 \|$/m);
    expect(report).toMatch(/^\| livelock \| 0 \| 0 \| 0 \|$/m);
  });

  it('shows each failing fix with its timeline lines, Mermaid picture and replay command', () => {
    expect(report).toContain('### Fix `baseline`');
    expect(report).not.toContain('### Fix `cancel-first+A+E`');
    const baseline = report.slice(report.indexOf('### Fix `baseline`'));
    expect(baseline).toMatch(/```text\n[^`]*Failed to write audit batch/);
    expect(baseline).toContain('```mermaid\nsequenceDiagram\n');
    expect(baseline).toContain('VIOLATED no-write-after-stop');
    expect(baseline).toMatch(/```sh\nnpx audit-race replay --fix baseline --case v1\./);
  });

  it('draws one picture for verdicts found in the same shrunk run', () => {
    const cases = new Set(RESULT.fixes[0]!.counterexamples.map((c) => c.caseCode));
    const section = report.slice(
      report.indexOf('### Fix `baseline`'),
      report.indexOf('### Fix `E`'),
    );
    expect(section.split('```mermaid').length - 1).toBe(cases.size);
  });

  it('ends with the facts of the run and its coverage', () => {
    expect(report).toContain(
      '- seed 1: every fix went through the same 30 generated runs (90 runs in all)',
    );
    expect(report).toContain('- wall-clock time: 1.5 s');
    expect(report).toContain('| situation reached | baseline | E | cancel-first+A+E |');
  });

  it('counts the schedules an exhaustive search ran, which stop short of --runs', () => {
    const file = '../../scenarios/cases/02-notification-send-on-closed-channel.fixed.json';
    const scenario = loadScenarioFile(fileURLToPath(new URL(file, import.meta.url)));
    const fixes = ['baseline', 'A'].map((name) => findFix(scenario, name));
    const strategy = { kind: 'exhaustive', preemptions: 2 } as const;
    const result = validate(scenario, fixes, { runs: 5000, seed: 1, strategy });
    const schedules = result.fixes.reduce((n, f) => n + f.runs, 0);

    const facts = validateMarkdown(result, TARGET, { replay: replayCounterexample });
    expect(schedules).toBeLessThan(5000);
    expect(facts).toContain(`at most 5000 schedules per fix (${schedules} schedules in all)`);
    expect(facts).not.toContain('shrunk by fast-check');
  });
});
