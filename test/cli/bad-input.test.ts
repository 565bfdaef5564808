// Bad input is the user's to fix, so it ends with exit code 2 and one message that names the
// file, the JSON path and what was expected, never with a stack trace.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT, SEED_SCENARIO_ARG, STACK_FRAME, type CliRun } from './cli.ts';

type Json = Record<string, unknown> & { processes: Record<string, unknown>[] };

const seed = (): Json =>
  JSON.parse(readFileSync(join(REPO_ROOT, SEED_SCENARIO_ARG), 'utf8')) as Json;

/** Root may write read-only files and folders, so the permission tests skip under it. */
const IS_ROOT = process.getuid?.() === 0;

const scratch = mkdtempSync(join(tmpdir(), 'audit-race-bad-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scenarioFile(name: string, text: string): string {
  const path = join(scratch, `${name}.json`);
  writeFileSync(path, text);
  return path;
}

function mutated(name: string, change: (scenario: Json) => void): string {
  const scenario = seed();
  change(scenario);
  return scenarioFile(name, JSON.stringify(scenario, null, 2));
}

interface BadScenario {
  readonly what: string;
  readonly file: string;
  /** What the message must say besides the file: the JSON path and the expectation. */
  readonly says: readonly string[];
}

const BAD_SCENARIOS: readonly BadScenario[] = [
  { what: 'is not JSON', file: scenarioFile('not-json', '{"name": '), says: ['not valid JSON'] },
  {
    what: 'has a string where a number belongs',
    file: mutated('wrong-type', (s) => (s.processes[0]!.specEndMs = '8600')),
    says: ['processes[0].specEndMs', 'expected number'],
  },
  {
    what: 'has a key the format does not know',
    file: mutated('unknown-key', (s) => ((s.dataStorage as Json).colour = 'blue')),
    says: ['dataStorage', 'Unrecognized key', 'colour'],
  },
  {
    what: 'names an unknown store profile',
    file: mutated('unknown-profile', (s) => (s.profile = 'kubernaut-1999-01-01')),
    says: ['profile', 'kubernaut-1999-01-01', 'kubernaut-2026-01-04'],
  },
  {
    what: 'gives two processes the same id',
    file: mutated('duplicate-ids', (s) => (s.processes[1]!.id = 1)),
    says: ['processes[1].id', 'appears twice'],
  },
  {
    what: 'does not exist',
    file: join(scratch, 'missing.json'),
    says: ['no such file'],
  },
  {
    what: 'is a folder',
    file: `${scratch}/`,
    says: ['it is a folder, expected a scenario JSON file'],
  },
];

function expectBadInput(run: CliRun, ...says: string[]): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).not.toContain(STACK_FRAME);
  for (const text of says) expect(run.stderr).toContain(text);
}

describe.concurrent('a malformed scenario file', () => {
  for (const bad of BAD_SCENARIOS) {
    it(`that ${bad.what} stops validate with exit 2 and a message naming the problem`, async () => {
      const run = await cli(['validate', '--scenario', bad.file, '--runs', '5']);
      expectBadInput(run, bad.file, ...bad.says);
      expect(run.stdout).toBe('');
    });

    it(`that ${bad.what} stops replay with exit 2 and a message naming the problem`, async () => {
      expectBadInput(await cli(['replay', bad.file]), bad.file, ...bad.says);
    });
  }
});

describe.concurrent('bad command-line arguments', () => {
  it('rejects a --runs that is not a whole number with exit 2', async () => {
    expectBadInput(await cli(['validate', '--runs', 'abc']), '--runs', 'abc');
  });

  it('rejects an unknown fix in validate with exit 2 and the list of fixes', async () => {
    const run = await cli(['validate', '--fix', 'Z', '--runs', '5']);
    expectBadInput(run, 'Unknown fix "Z"', 'baseline', 'A+E');
  });

  it('rejects an unknown fix in replay with exit 2', async () => {
    expectBadInput(await cli(['replay', '--fix', 'Z']), 'Unknown fix "Z"');
  });

  it('rejects a --case that validate did not print with exit 2', async () => {
    expectBadInput(await cli(['replay', '--case', 'garbage']), '--case');
  });

  it('rejects --seed without --path with exit 2', async () => {
    expectBadInput(await cli(['replay', '--seed', '1']), '--seed', '--path');
  });

  it('rejects replay --real with --svg, with exit 2', async () => {
    const run = await cli(['replay', '--real', '--svg', 'never-written.svg']);
    expectBadInput(run, '--svg', '--real');
    expect(run.stdout).toBe('');
  });

  it('rejects replay --time-scale without --real with exit 2', async () => {
    const run = await cli(['replay', '--time-scale', '0.01']);
    expectBadInput(run, '--time-scale', 'add --real');
    expect(run.stdout).toBe('');
  });

  for (const sweep of [
    ['--profile', 'all'],
    ['--suite', 'all'],
  ]) {
    it(`rejects --save with a ${sweep.join(' ')} sweep with exit 2, writing nothing`, async () => {
      const dir = join(scratch, `save-${sweep[0]!.slice(2)}`);
      const run = await cli(['validate', ...sweep, '--runs', '5', '--save', dir]);
      expectBadInput(run, '--save', 'not with a --profile all or --suite sweep');
      expect(run.stdout).toBe('');
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('rejects --suite with a scenario file, which the sweep ignores, with exit 2', async () => {
    const run = await cli(['validate', '--suite', 'all', SEED_SCENARIO_ARG, '--runs', '5']);
    expectBadInput(run, '--suite runs the scenarios of scenarios/suites', SEED_SCENARIO_ARG);
    expect(run.stdout).toBe('');
  });

  it('rejects replay --case with --seed and --path (one would be dropped), exit 2', async () => {
    const printed = await cli(['validate', '--fix', 'A', '--runs', '20']);
    const code = /--case (\S+)/.exec(printed.stdout)?.[1] ?? '';
    const run = await cli(['replay', '--fix', 'A', '--case', code, '--seed', '1', '--path', '9']);
    expectBadInput(run, '--case and --seed/--path each name a run');
    expect(run.stdout).toBe('');
  });

  for (const [command, flag] of [
    [['replay'], '--svg'],
    [['fit', join(REPO_ROOT, 'test', 'fit', 'fixtures', 'seed-excerpt.log')], '--save-scenario'],
  ] as const) {
    it(`checks ${command[0]} ${flag} before printing anything, with exit 2`, async () => {
      const missing = await cli([...command, flag, join(scratch, 'no-folder', 'out')]);
      const empty = await cli([...command, flag, '']);

      expectBadInput(missing, flag, 'no such folder');
      expectBadInput(empty, `${flag}: empty path`);
      expect(missing.stdout + empty.stdout).toBe('');
    });
  }

  for (const command of ['validate', 'replay']) {
    it(`rejects ${command} --depth with --strategy random, with exit 2`, async () => {
      const run = await cli([command, '--strategy', 'random', '--depth', '2']);
      expectBadInput(run, '--depth', '--strategy pct');
      expect(run.stdout).toBe('');
    });
  }

  const aFile = scenarioFile('a-file', '{}');
  const BAD_TARGETS: readonly (readonly [flag: string, path: string, says: string])[] = [
    ['--report', join(scratch, 'missing', 'r.md'), 'cannot write it (no such folder)'],
    ['--junit', join(aFile, 'j.xml'), 'a part of the path is a file, not a folder'],
    ['--junit', scratch, 'cannot write it (it is a folder, expected a file name)'],
    ['--report', `${scratch}/nonexistent-folder/`, 'that names a folder (it ends with /)'],
    // The kernel, not a lexical resolve, follows "..": from a folder that does not exist.
    ['--junit', `${scratch}/no-such-folder/../j.xml`, 'cannot write it (no such folder)'],
    ['--report', join(REPO_ROOT, SEED_SCENARIO_ARG), 'that is also the scenario file'],
    ['--save', join(aFile, 'saved'), 'a part of the path is a file, not a folder'],
    ['--save', aFile, 'cannot create that folder (a file of that name is in the way)'],
  ];
  for (const [flag, path, says] of BAD_TARGETS) {
    it(`checks ${flag} can be written (${says}) before exploring, with exit 2`, async () => {
      const run = await cli(['validate', '--runs', '5', flag, path]);
      expectBadInput(run, `${flag} ${path}`, says);
      // Nothing explored: the matrix would have been printed first.
      expect(run.stdout).toBe('');
    });
  }

  const EMPTY_PATH_EXAMPLES: readonly (readonly [flag: string, example: string])[] = [
    ['--report', '--report report.md'],
    ['--junit', '--junit junit.xml'],
    ['--save', '--save counterexamples'],
  ];
  for (const [flag, example] of EMPTY_PATH_EXAMPLES) {
    it(`rejects an empty ${flag}, as an unset CI variable gives, with exit 2`, async () => {
      const run = await cli(['validate', '--runs', '5', flag, '']);
      expectBadInput(run, `${flag}: empty path. Name a`, example);
      expect(run.stdout).toBe('');
    });
  }

  it('rejects --report and --junit naming one file, leaving none behind, with exit 2', async () => {
    const path = join(scratch, 'both.xml');
    const run = await cli(['validate', '--runs', '5', '--report', path, '--junit', path]);
    expectBadInput(run, `--junit ${path}: that is also the file --report names`);
    expect(existsSync(path)).toBe(false);
  });

  it.skipIf(IS_ROOT)(
    'rejects a read-only --report file before exploring (skipped as root, who may write it)',
    async () => {
      const path = scenarioFile('read-only-report', 'kept as it was');
      chmodSync(path, 0o444);
      const run = await cli(['validate', '--runs', '5', '--report', path]);
      expectBadInput(run, `--report ${path}: cannot write it (permission denied)`);
      expect(run.stdout).toBe('');
      expect(readFileSync(path, 'utf8')).toBe('kept as it was');
    },
  );

  const BAD_SVG_TARGETS: readonly (readonly [path: string, says: string])[] = [
    [join(scratch, 'missing', 't.svg'), 'cannot write it (no such folder)'],
    [scratch, 'cannot write it (it is a folder, expected a file name)'],
    [join(scenarioFile('svg-parent', '{}'), 't.svg'), 'a part of the path is a file, not a folder'],
  ];
  for (const [path, says] of BAD_SVG_TARGETS) {
    it(`says why replay --svg cannot write (${says}), with exit 2`, async () => {
      expectBadInput(await cli(['replay', '--svg', path]), `--svg ${path}`, says);
    });
  }

  it.skipIf(IS_ROOT)(
    'says replay --svg into a read-only file is denied (skipped as root, who may write it)',
    async () => {
      const path = scenarioFile('read-only-svg', '');
      chmodSync(path, 0o444);
      expectBadInput(await cli(['replay', '--svg', path]), `--svg ${path}`, 'permission denied');
    },
  );

  const BAD_PATHS: Readonly<Record<string, string>> = {
    'not made of numbers': 'zz',
    empty: '',
    'one number written with 70 zeros': '0'.repeat(70),
    // No shrink step has that many candidates, however long the path: fast-check cannot follow.
    'a shrink step past the last candidate': `0:${Number.MAX_SAFE_INTEGER}`,
  };
  it('rejects a --path whose run index is past the most --runs, at once, with exit 2', async () => {
    // fast-check would walk through every run before the index: this one was a hang.
    const run = await cli(['replay', '--seed', '1', '--path', String(Number.MAX_SAFE_INTEGER)]);
    expectBadInput(run, '--path', '--runs is at most 1000000, so run indexes go up to 999999');
  });

  it('rejects a --runs above the most validate explores, with exit 2', async () => {
    const run = await cli(['validate', '--runs', '1000001']);
    expectBadInput(run, '--runs must be a whole number from 1 to 1000000, got "1000001"');
  });

  for (const [what, path] of Object.entries(BAD_PATHS)) {
    it(`rejects a --path that is ${what} with exit 2 and the path expected`, async () => {
      const run = await cli(['replay', '--seed', '1', '--path', path]);
      expectBadInput(run, '--path', 'Expected the fast-check path validate printed, like 0:3:1');
      expect(run.stdout).toBe('');
    });
  }
});
