// The report options as a user runs them: validate writes the Markdown and JUnit files beside its
// usual output, replay writes the SVG, and an unwritable path is bad input (exit 2), not a crash;
// a path that can be written is not refused because of its folder (/dev/stdout, a read-only one).
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { exec } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT, STACK_FRAME } from '../cli/cli.ts';

const shell = promisify(exec);

/** Root writes into read-only folders too, so the permission test skips under it. */
const IS_ROOT = process.getuid?.() === 0;

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
    expect(run.stderr).toContain(`--report ${path}: cannot write it (no such folder).`);
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(existsSync(path)).toBe(false);
  });

  it('validate --junit /dev/stdout, a pipe, writes the XML after the text output', async () => {
    // Through a shell pipe: the pipes Node spawns children with are sockets, which no path opens.
    const args = 'validate --runs 5 --fix E --junit /dev/stdout';
    const command = `"${process.execPath}" --import tsx src/cli/main.ts ${args} | cat`;
    // The pipeline's exit code is cat's, so a refused target shows on stderr alone.
    const { stdout, stderr } = await shell(command, { cwd: REPO_ROOT });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/runs\/s, shrinking included\)\.\n[^]*<testsuites name=/);
  });

  it('validate --save creates its folder, parents included', async () => {
    const dir = join(scratch, 'new', 'saved');
    const run = await cli(['validate', '--runs', '20', '--fix', 'baseline', '--save', dir]);
    expect(run.code).toBe(1);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  });

  it.skipIf(IS_ROOT)(
    'validate --report writes a writable file in a read-only folder (skipped as root)',
    async () => {
      const folder = join(scratch, 'read-only');
      mkdirSync(folder);
      const path = join(folder, 'r.md');
      writeFileSync(path, '');
      chmodSync(folder, 0o555);
      const run = await cli(['validate', '--runs', '5', '--fix', 'E', '--report', path]);
      chmodSync(folder, 0o755);
      expect(run.code, run.stderr).not.toBe(2);
      expect(readFileSync(path, 'utf8')).toContain('| property | E |');
    },
  );
});
