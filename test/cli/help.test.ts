// The CLI explains itself: the program and each command answer --help with exit code 0 and name
// every option a user needs.
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

describe.concurrent('audit-race --help', () => {
  it('describes the commands and the exit codes of the program', async () => {
    const run = await cli(['--help']);

    expect(run.code).toBe(0);
    for (const word of ['validate', 'replay', 'list', 'Exit codes']) {
      expect(run.stdout).toContain(word);
    }
  });

  it('lists every option of validate', async () => {
    const run = await cli(['validate', '--help']);

    expect(run.code).toBe(0);
    for (const option of ['--scenario', '--fix', '--runs', '--seed', '--json', '--save']) {
      expect(run.stdout).toContain(option);
    }
  });

  it('says validate leaves out by default the fixes with nothing to act on', async () => {
    const run = await cli(['validate', '--help']);

    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      "(default: those of baseline, A, B, C, D, E, A+E and the scenario's own that have " +
        "something to act on in the scenario's teardown; the others are named under " +
        '"Left out" in the text output, not in --json)',
    );
  });

  it('lists every option of replay', async () => {
    const run = await cli(['replay', '--help']);

    expect(run.code).toBe(0);
    for (const option of ['[file]', '--fix', '--case', '--seed', '--path']) {
      expect(run.stdout).toContain(option);
    }
  });
});
