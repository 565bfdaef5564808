// `audit-race fit` as a user runs it: on the seed's excerpt it names the squared rule and says the
// note's claims are not supported (exit 1); bad input is one clear message and exit 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, STACK_FRAME } from '../cli/cli.ts';

const EXCERPT = 'test/fit/fixtures/seed-excerpt.log';
const scratch = mkdtempSync(join(tmpdir(), 'audit-race-fit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('audit-race fit', () => {
  it("names the squared rule on the seed's excerpt and rejects the note's claims", async () => {
    const run = await cli([
      'fit',
      EXCERPT,
      '--claim-backoff',
      '1,4,16',
      '--claim-retry-window',
      '21s',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Backoff rule the timestamps support: squared');
    expect(run.stdout).toContain('Predicted vs observed failed writes (6 of 6 agree)');
    expect(run.stdout).toContain('--claim-backoff 1,4,16: NOT SUPPORTED by the log');
    expect(run.stdout).toContain('--claim-retry-window 21s: NOT SUPPORTED by the log');
  });

  it('saves the scenario it built, and validate explores that file', async () => {
    const saved = join(scratch, 'fitted.json');
    const fit = await cli(['fit', EXCERPT, '--save-scenario', saved]);
    expect(fit.code).toBe(0);
    expect(fit.stdout).toContain(`Wrote it to ${saved}`);

    const validate = await cli(['validate', saved, '--fix', 'baseline', '--runs', '20', '--json']);
    const result = JSON.parse(validate.stdout) as { scenario: string; runs: number };
    expect(result.scenario).toBe('fit-seed-excerpt.log');
    expect(result.runs).toBe(20);
  });

  it('exits 0 when the claims hold', async () => {
    const run = await cli(['fit', EXCERPT, '--claim-backoff', '1,4', '--claim-retry-window', '5s']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--claim-backoff 1,4: SUPPORTED by the log');
  });

  it('rejects a missing file, a log without failed writes and a bad claim (exit 2)', async () => {
    const empty = join(scratch, 'empty.log');
    writeFileSync(empty, '2026-01-04T17:44:20Z\tINFO\tsuite\tnothing to see\n');
    const runs = await Promise.all([
      cli(['fit', join(scratch, 'absent.log')]),
      cli(['fit', empty]),
      cli(['fit', EXCERPT, '--claim-backoff', 'fast']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[0]!.stderr).toContain('Cannot read log');
    expect(runs[1]!.stderr).toContain('no "Failed to write audit batch" line');
    expect(runs[2]!.stderr).toContain('expected seconds like 1,4,16');
    for (const run of runs) expect(run.stderr).not.toContain(STACK_FRAME);
  });
});
