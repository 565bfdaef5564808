// validate as CI uses it: its exit code says whether the fixes named with --fix hold, --json is a
// versioned document, and every replay it prints, as a command or as a saved file, reproduces
// the violation it stands for.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { argsOfPrinted, cli, SEED_SCENARIO_ARG } from './cli.ts';

interface JsonCounterexample {
  readonly fix: string;
  readonly verdict: string;
  readonly caseCode: string;
  readonly replay: string;
  readonly fastCheck: { readonly seed: number; readonly path: string } | null;
  readonly variation: { readonly lateBursts: readonly (readonly { count: number }[])[] };
  readonly kept: Record<'events' | 'processes' | 'lateEvents', number>;
}

interface JsonReport {
  readonly format: string;
  readonly version: number;
  readonly runs: number;
  readonly fixes: readonly {
    readonly fix: string;
    readonly violations: Record<string, number>;
    readonly counterexamples: readonly JsonCounterexample[];
  }[];
}

const scratch = mkdtempSync(join(tmpdir(), 'audit-race-validate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Pairs of (verdict, replay command) in the order validate's text output lists them. */
function printedReplays(stdout: string): { verdict: string; command: string }[] {
  const found: { verdict: string; command: string }[] = [];
  let verdict: string | null = null;
  for (const line of stdout.split('\n')) {
    const heading = /^ {2}([a-z-]+): /.exec(line);
    if (heading !== null) verdict = heading[1]!;
    const replay = /^ {4}replay: (.*)$/.exec(line);
    if (replay !== null && verdict !== null) found.push({ verdict, command: replay[1]! });
  }
  return found;
}

describe.concurrent('audit-race validate', () => {
  it('exits 0 for --fix E exactly when its JSON report shows no violation', async () => {
    const run = await cli(['validate', '--fix', 'E', '--runs', '50', '--json']);
    const report = JSON.parse(run.stdout) as JsonReport;

    const violated = report.fixes.some((f) => Object.values(f.violations).some((n) => n > 0));
    expect(run.code).toBe(violated ? 1 : 0);
  });

  it('exits 1 for --fix baseline, which writes to the stopped DataStorage', async () => {
    const run = await cli(['validate', '--fix', 'baseline', '--runs', '50']);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}no-write-after-stop: process 4 sent attempt/m);
  });

  it('prints a JSON document of format audit-race/validate, version 1, with --json', async () => {
    const run = await cli(['validate', '--fix', 'baseline,E', '--runs', '20', '--json']);
    const report = JSON.parse(run.stdout) as JsonReport;

    expect(report.format).toBe('audit-race/validate');
    expect(report.version).toBe(1);
    expect(report.runs).toBe(20);
    expect(report.fixes.map((f) => f.fix)).toEqual(['baseline', 'E']);
    for (const c of report.fixes.flatMap((f) => f.counterexamples)) {
      expect(c.replay).toBe(`npx audit-race replay --fix ${c.fix} --case ${c.caseCode}`);
    }
    expect(run.stderr).toBe('');
  });

  it('prints replay commands that reproduce their violation when run', async () => {
    const run = await cli(['validate', '--fix', 'baseline,E', '--runs', '50']);
    const replays = printedReplays(run.stdout);
    expect(replays.map((r) => r.verdict)).toContain('no-write-after-stop');

    const replayed = await Promise.all(replays.map((r) => cli(argsOfPrinted(r.command))));
    replays.forEach(({ verdict, command }, i) => {
      expect(replayed[i]!.code, command).toBe(1);
      expect(replayed[i]!.stdout).toMatch(new RegExp(`^VIOLATED ${verdict} at `, 'm'));
    });
  });

  it('writes counterexample files with --save that replay FILE reproduces', async () => {
    const dir = join(scratch, 'saved');
    const run = await cli(['validate', '--fix', 'B', '--runs', '50', '--save', dir]);
    const files = readdirSync(dir).sort();
    expect(run.stdout).toContain(`Wrote ${files.length} counterexample files to ${dir}.`);
    expect(files.length).toBeGreaterThan(0);

    const paths = files.map((name) => join(dir, name));
    const replayed = await Promise.all(paths.map((file) => cli(['replay', file])));
    paths.forEach((file, i) => {
      const { fix, verdict } = JSON.parse(readFileSync(file, 'utf8')) as JsonCounterexample;
      expect(replayed[i]!.code, file).toBe(1);
      expect(replayed[i]!.stdout).toContain(`fix ${fix}:`);
      expect(replayed[i]!.stdout).toMatch(new RegExp(`^VIOLATED ${verdict} at `, 'm'));
    });
  });

  it('ends an exhaustive search with the schedules it ran, not --runs times fixes', async () => {
    const run = await cli([
      'validate',
      'scenarios/cases/02-notification-send-on-closed-channel.fixed.json',
      ...['--fix', 'baseline,A', '--strategy', 'exhaustive', '--runs', '5000'],
    ]);
    const searched = [...run.stdout.matchAll(/all (\d+) schedules with at most/g)];
    const schedules = searched.reduce((n, m) => n + Number(m[1]), 0);

    expect(searched).toHaveLength(2);
    expect(schedules).toBeLessThan(10_000);
    expect(run.stdout).toMatch(
      new RegExp(`^${schedules} schedules in [\\d.]+ s \\(\\d+ schedules/s\\)\\.$`, 'm'),
    );
  });

  it('says when all schedules of a search ran alike, and points to random and pct', async () => {
    // Fix E on the seed's scenario as written: 2,712 schedules, one history; random runs panic.
    const run = await cli(['validate', '--fix', 'E', '--strategy', 'exhaustive', '--runs', '5000']);

    expect(run.stdout).toMatch(
      new RegExp(
        '^  E: no violation; all \\d+ schedules .* explored; ' +
          '1 distinct outcome \\(every schedule ran alike: try --strategy random or pct\\)\\.$',
        'm',
      ),
    );
  });

  it('says "1 preemption" in the singular, in the search summary and in an origin', async () => {
    const run = await cli([
      'validate',
      'scenarios/cases/10-oidc-pam-stop-abandons-queue-double-stop.buggy.json',
      ...['--fix', 'baseline', '--strategy', 'exhaustive', '--depth', '1', '--runs', '2000'],
    ]);

    expect(run.stdout).toContain('schedules with at most 1 preemption explored');
    expect(run.stdout).toMatch(/exhaustive search, schedule \d+ \(1 preemption\)$/m);
    expect(run.stdout).not.toContain('1 preemptions');
  });

  it('heads the coverage table with what it counts: schedules when exhaustive', async () => {
    const scenario = 'scenarios/cases/02-notification-send-on-closed-channel.fixed.json';
    const [searched, sampled] = await Promise.all([
      cli(['validate', scenario, '--fix', 'A', '--strategy', 'exhaustive', '--runs', '100']),
      cli(['validate', scenario, '--fix', 'A', '--runs', '10']),
    ]);

    expect(searched.stdout).toMatch(/^│ coverage mark \(schedules\) +│ +A │$/m);
    expect(sampled.stdout).toMatch(/^│ coverage mark \(runs\) +│ +A │$/m);
  });

  it('draws the matrix of one or two fixes with every row inside the border', async () => {
    for (const fixes of ['A', 'A,B']) {
      const run = await cli(['validate', '--fix', fixes, '--runs', '5']);
      const lines = run.stdout.split('\n');
      const table = lines.slice(
        lines.findIndex((l) => l.startsWith('┌')),
        lines.findIndex((l) => l.startsWith('└')) + 1,
      );

      expect(table).toContainEqual(expect.stringMatching(/^│ teardown cost, virtual time +│$/));
      expect(new Set(table.map((l) => l.length)).size, table.join('\n')).toBe(1);
      // The title leaves the columns as wide as their contents.
      expect(table).toContainEqual(expect.stringMatching(/^│ no-write-after-close │ +\d+ │/));
    }
  });

  it('says why it uses fewer workers than asked: one per fix at most', async () => {
    const run = await cli(['validate', '--workers', '2', '--fix', 'A', '--runs', '5']);

    expect(run.stderr).toContain(
      'audit-race: using 1 worker, not 2: workers are capped at one per fix (1 fix)',
    );
  });

  it("compares each counterexample's size with the scenario's 10 events, 4 processes", async () => {
    const args = ['validate', '--fix', 'baseline,A', '--runs', '50'];
    const [text, json] = await Promise.all([cli(args), cli([...args, '--json'])]);
    const counterexamples = (JSON.parse(json.stdout) as JsonReport).fixes.flatMap(
      (f) => f.counterexamples,
    );
    const phrases = text.stdout.split('\n').filter((line) => line.startsWith('    kept '));

    // Up to the processes: the decision counts move with any change to the model.
    expect(phrases.map((line) => line.slice(4, line.indexOf(')') + 1))).toEqual([
      "kept 10 of the scenario's 10 events (4 of 4 processes)",
      "kept 12 events: the scenario's 10 and 2 late (4 of 4 processes)",
      "kept 10 of the scenario's 10 events (4 of 4 processes)",
      "kept 10 of the scenario's 10 events (4 of 4 processes)",
      "kept 11 events: the scenario's 10 and 1 late (4 of 4 processes)",
      "kept 10 of the scenario's 10 events (4 of 4 processes)",
    ]);
    expect(counterexamples.map((c) => c.kept.lateEvents)).toEqual([0, 2, 0, 0, 1, 0]);
    for (const { kept, variation } of counterexamples) {
      const late = variation.lateBursts.flat().reduce((n, b) => n + b.count, 0);
      expect(kept).toMatchObject({ scenarioEvents: 10, scenarioProcesses: 4, lateEvents: late });
    }
  });

  it("replays a counterexample from fast-check's seed and path as from its --case", async () => {
    const run = await cli(['validate', '--fix', 'A', '--runs', '50', '--json']);
    const [c] = (JSON.parse(run.stdout) as JsonReport).fixes[0]!.counterexamples;
    expect(c).toBeDefined();
    const { seed, path } = c!.fastCheck!;

    const [bySeed, byCase] = await Promise.all([
      cli(['replay', '--fix', 'A', '--seed', String(seed), '--path', path]),
      cli(['replay', '--fix', 'A', '--case', c!.caseCode]),
    ]);

    expect(bySeed.code).toBe(1);
    expect(bySeed.stdout).toBe(byCase.stdout);
  });
});

describe.concurrent('audit-race replay of the seed scenario', () => {
  it('prints the refused writes of the CI log and exits 1 for the seed teardown', async () => {
    const run = await cli(['replay', SEED_SCENARIO_ARG]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2026-01-04T17:44:20.400Z\tERROR\taudit.audit-store');
    expect(run.stdout).toMatch(/^VIOLATED no-write-after-stop at 2026-01-04T17:44:20/m);
  });

  // E with the scenario as written: no late reconcile, and DataStorage up until every Close.
  it('exits 0 when the replayed run violates nothing', async () => {
    const run = await cli(['replay', '--fix', 'E']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('All properties hold for this run.');
  });
});
