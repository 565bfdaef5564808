// The report options as a user runs them: validate writes the Markdown and JUnit files beside its
// usual output, replay writes the SVG, and an unwritable path is bad input (exit 2), not a crash.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, STACK_FRAME } from '../cli/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'audit-race-reports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('report options on the command line', () => {
  it('validate --report and --junit write both files and say so', async () => {
    const [md, xml] = [join(scratch, 'r.md'), join(scratch, 'r.xml')];
    const run = await cli([
      'validate',
      '--runs',
      '20',
      '--fix',
      'baseline,E',
      '--report',
      md,
      '--junit',
      xml,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Wrote the Markdown report to ${md}.`);
    expect(readFileSync(md, 'utf8')).toContain('| property | baseline | E |');
    expect(readFileSync(xml, 'utf8')).toContain('<testsuite name="audit-race.');
  });

  it('replay --svg writes the swimlane picture', async () => {
    const svg = join(scratch, 't.svg');
    const run = await cli(['replay', '--svg', svg]);
    expect(run.code).toBe(1);
    expect(readFileSync(svg, 'utf8')).toContain('class="violation-badge"');
  });

  it('an unwritable report path is bad input with exit 2', async () => {
    const path = join(scratch, 'missing-dir', 'r.md');
    const run = await cli(['validate', '--runs', '5', '--fix', 'E', '--report', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--report ${path}: folder ${join(scratch, 'missing-dir')}`);
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(existsSync(path)).toBe(false);
  });
});
