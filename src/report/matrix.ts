// The validate result as text: the fix x property matrix (one row per verdict, one column per
// fix, cells count violating runs), what each fix costs in teardown time, and per failing fix its
// shrunk counterexamples with the command that replays each.
import Table from 'cli-table3';
import type { Counterexample, FixReport, ValidateResult } from '../explore/validate.ts';
import { VERDICT_IDS } from '../explore/validate.ts';
import { exploredBy } from '../explore/results.ts';
import { MARKS, MARK_IDS, type MarkId } from '../model/marks.ts';
import { count, sizePhrase } from './phrases.ts';
import { seconds } from './timestamp.ts';

export interface ReplayTarget {
  /** How the user names the scenario on the command line (a path), or null for the default. */
  readonly scenarioArg: string | null;
  /** The command prefix that runs the CLI, e.g. `npx audit-race`. */
  readonly command: string;
  /** Further arguments the replay needs, e.g. `--profile kubernaut-2026-02-01`. */
  readonly extraArgs?: readonly string[];
}

export function replayCommand(c: Counterexample, target: ReplayTarget): string {
  const scenario = target.scenarioArg === null ? '' : ` ${target.scenarioArg}`;
  const extra = (target.extraArgs ?? []).map((a) => ` ${a}`).join('');
  return `${target.command} replay${scenario}${extra} --fix ${c.fix} --case ${c.caseCode}`;
}

/** One column of a matrix: a fix, a profile or a suite, with the exploration of it. */
export interface MatrixColumn {
  readonly label: string;
  readonly report: FixReport;
}

const TEARDOWN_TITLE = 'teardown cost, virtual time';

/** Properties down, columns across; each cell counts the runs that violated the property. */
export function renderGrid(columns: readonly MatrixColumn[]): string {
  const table = new Table({
    head: ['property', ...columns.map((c) => c.label)],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  });
  for (const verdict of VERDICT_IDS) {
    table.push([verdict, ...columns.map((c) => String(c.report.violations[verdict]))]);
  }
  const costs = columns.map((c) => c.report.teardownMs);
  // cli-table3 widens the columns a spanning cell does not fit in; this title fits in the
  // property column (at least no-write-after-close wide) and one column of seconds, so it
  // leaves the widths alone, whatever the number of columns.
  table.push([{ colSpan: columns.length + 1, content: TEARDOWN_TITLE }]);
  table.push(['  median', ...costs.map((t) => seconds(t.median))]);
  table.push(['  p95', ...costs.map((t) => seconds(t.p95))]);
  return table.toString();
}

/** One row per coverage mark: the runs of each column that reached it, or "-" where that
 * column's store and teardown cannot reach it at all. */
export function coverageRows(columns: readonly MatrixColumn[]) {
  return MARK_IDS.map((id) => ({
    id,
    cells: columns.map((c) =>
      c.report.unreachableMarks.includes(id) ? '-' : String(c.report.coverage[id]),
    ),
  }));
}

/** Marks that some column could reach but no run of any column did. */
export function neverReached(columns: readonly MatrixColumn[]): MarkId[] {
  return coverageRows(columns)
    .filter(({ cells }) => {
      const possible = cells.filter((v) => v !== '-');
      return possible.length > 0 && possible.every((v) => v === '0');
    })
    .map(({ id }) => id);
}

/** How many runs of each column reached each coverage mark; a 0 means the exploration never put
 * the store in that situation, so the matrix says nothing about it. */
export function renderCoverage(columns: readonly MatrixColumn[]): string {
  const { unit } = exploredBy(columns.map((c) => c.report));
  const table = new Table({
    head: [`coverage mark (${unit}s)`, ...columns.map((c) => c.label)],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  });
  for (const { id, cells } of coverageRows(columns)) table.push([id, ...cells]);
  const never = neverReached(columns);
  const note =
    never.length === 0
      ? ''
      : `\nNever reached: ${never.map((id) => `${id} (${MARKS[id]})`).join('; ')}.`;
  return `${table.toString()}${note}\n"-": cannot happen with that store and teardown.`;
}

/** For a systematic search, what it explored and what that proves. */
export function renderSearches(columns: readonly MatrixColumn[]): string {
  const lines: string[] = [];
  for (const { label, report } of columns) {
    const search = report.search;
    if (search === undefined) continue;
    const bound = `schedules with at most ${count(search.preemptions, 'preemption')}`;
    const scope = search.complete
      ? `all ${search.schedules} ${bound} explored`
      : `${search.schedules} ${bound} explored (not all of them: raise --runs)`;
    const violated = Object.entries(report.violations).filter(([, n]) => n > 0);
    const verdicts =
      violated.length === 0
        ? 'no violation'
        : violated.map(([v, n]) => `${v} in ${n} of ${search.schedules}`).join(', ');
    // One outcome over many schedules: the interleavings this bound allows change nothing in
    // this run, so "no violation" says nothing about races that need other timings.
    const outcomes =
      search.distinctOutcomes === 1 && search.schedules > 1
        ? '1 distinct outcome (every schedule ran alike: try --strategy random or pct)'
        : count(search.distinctOutcomes, 'distinct outcome');
    lines.push(`  ${label}: ${verdicts}; ${scope}; ${outcomes}.`);
  }
  if (lines.length === 0) return '';
  return (
    'Exhaustive search of the scenario as written (its own times: no jitter, no late events;\n' +
    'a violation that needs those is for --strategy random or pct):\n' +
    lines.join('\n')
  );
}

export function renderMatrix(result: ValidateResult): string {
  const header =
    `Scenario ${result.scenario} (store ${result.profile}), seed ${result.seed}: ` +
    (exploredBy(result.fixes).unit === 'schedule'
      ? `schedules violating each property, out of at most ${result.runs} per fix (see below).`
      : `runs violating each property, out of ${count(result.runs, 'run')} per fix.`);
  const columns = result.fixes.map((report) => ({ label: report.fix, report }));
  return `${header}\n${renderGrid(columns)}`;
}

export function renderFixes(result: ValidateResult): string {
  return result.fixes
    .map((f) => `  ${f.fix.padEnd(8)} ${f.summary}\n           plan: ${f.plan}`)
    .join('\n');
}

export function renderCounterexamples(result: ValidateResult, target: ReplayTarget): string {
  const columns = result.fixes.map((report) => ({ label: report.fix, report, target }));
  return renderColumnCounterexamples(columns);
}

/** Per column with violations: its minimal counterexamples and the command replaying each. */
export function renderColumnCounterexamples(
  columns: readonly (MatrixColumn & { readonly target: ReplayTarget })[],
): string {
  const sections: string[] = [];
  for (const { label, report, target } of columns) {
    if (report.counterexamples.length === 0) continue;
    const title = label === report.fix ? `Fix ${label}` : `${label}, fix ${report.fix}`;
    const lines = [`${title} (${report.summary}): minimal counterexamples`];
    for (const c of report.counterexamples) {
      lines.push(`  ${c.verdict}: ${c.message}`);
      lines.push(`    ${sizePhrase(c)}; ${c.origin}`);
      lines.push(`    replay: ${replayCommand(c, target)}`);
    }
    sections.push(lines.join('\n'));
  }
  return sections.join('\n\n');
}
