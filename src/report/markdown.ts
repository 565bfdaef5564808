// The validate result as a Markdown report for code review: the fix x property matrix as a table,
// per failing fix its minimal counterexamples (a few timeline lines, a Mermaid sequence diagram
// and the command that replays each) and the facts of the run. Renders where teams read code.
import type { Finding } from '../explore/run.ts';
import type { Counterexample, FixReport, ValidateResult } from '../explore/validate.ts';
import { VERDICT_IDS } from '../explore/validate.ts';
import { exploredBy } from '../explore/results.ts';
import type { History } from '../model/history.ts';
import { coverageRows, neverReached, replayCommand, type ReplayTarget } from './matrix.ts';
import { runMermaid } from './mermaid.ts';
import { timelineLines } from './timeline.ts';
import { count, sizePhrase } from './phrases.ts';
import { seconds, utc } from './timestamp.ts';

/** A counterexample's run, replayed: what the report draws it from. */
export interface ReplayedRun {
  readonly history: History;
  readonly findings: readonly Finding[];
}

export interface MarkdownOptions {
  /** Replays a counterexample (the CLI runs it again through runOnce). */
  readonly replay: (c: Counterexample) => ReplayedRun;
  /** Wall-clock seconds the validation took, when known. */
  readonly elapsedS?: number;
  /** Timeline lines shown per counterexample, around its first finding (default 8). */
  readonly timelineLines?: number;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const violated = (fix: FixReport) => VERDICT_IDS.filter((v) => fix.violations[v] > 0);

function matrixTable(result: ValidateResult): string {
  const fixes = result.fixes;
  const rows = [
    `| property | ${fixes.map((f) => cell(f.fix)).join(' | ')} |`,
    `| --- | ${fixes.map(() => '---:').join(' | ')} |`,
  ];
  for (const verdict of VERDICT_IDS) {
    const cells = fixes.map((f) =>
      f.violations[verdict] > 0 ? `**${f.violations[verdict]}**` : '0',
    );
    rows.push(`| ${verdict} | ${cells.join(' | ')} |`);
  }
  rows.push(
    `| teardown cost (median) | ${fixes.map((f) => seconds(f.teardownMs.median)).join(' | ')} |`,
  );
  rows.push(`| teardown cost (p95) | ${fixes.map((f) => seconds(f.teardownMs.p95)).join(' | ')} |`);
  return rows.join('\n');
}

function coverageTable(result: ValidateResult): string {
  const columns = result.fixes.map((report) => ({ label: report.fix, report }));
  const rows = [
    `| situation reached | ${columns.map((c) => cell(c.label)).join(' | ')} |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...coverageRows(columns).map(({ id, cells }) => `| ${id} | ${cells.join(' | ')} |`),
  ];
  const never = neverReached(columns);
  const note =
    never.length === 0
      ? 'Every situation that can happen here was reached by some run.'
      : `Never reached, so their properties were not put to the test: ${never.join(', ')}.`;
  return `${rows.join('\n')}\n\n${note} ("-": cannot happen with that store and teardown.)`;
}

function fixesTable(result: ValidateResult): string {
  const rows = ['| fix | what it changes | teardown plan | verdict |', '| --- | --- | --- | --- |'];
  for (const f of result.fixes) {
    const bad = violated(f);
    const verdict = bad.length === 0 ? 'holds every property' : `violates ${bad.join(', ')}`;
    rows.push(`| ${cell(f.fix)} | ${cell(f.summary)} | ${code(f.plan)} | ${verdict} |`);
  }
  return rows.join('\n');
}

/** A few timeline lines around the first finding of the run. */
function timelineExcerpt(run: ReplayedRun, atMs: number, count: number): string[] {
  const lines = timelineLines(run.history);
  const at = utc(run.history.startUtcMs, atMs);
  const index = lines.findIndex((line) => line.slice(0, at.length) >= at);
  const from = Math.max(0, (index === -1 ? lines.length : index) - Math.floor(count / 3));
  const excerpt = lines.slice(from, from + count);
  const before = from > 0 ? [`... ${from} earlier lines`] : [];
  const after = lines.length - from - excerpt.length;
  return [...before, ...excerpt, ...(after > 0 ? [`... ${after} later lines`] : [])];
}

function counterexampleSection(
  fix: FixReport,
  cases: readonly Counterexample[],
  target: ReplayTarget,
  options: MarkdownOptions,
): string {
  const first = cases[0]!;
  const run = options.replay(first);
  const firstMs = Math.min(...cases.map((c) => c.atMs));
  const command = replayCommand(first, target);
  return [
    `#### ${cases.map((c) => code(c.verdict)).join(', ')}`,
    '',
    ...cases.map((c) => `- **${c.verdict}**: ${c.message}`),
    `- ${sizePhrase(first)}; ${first.origin}`,
    '',
    'Timeline (CI log format):',
    '',
    '```text',
    ...timelineExcerpt(run, firstMs, options.timelineLines ?? 8),
    '```',
    '',
    '```mermaid',
    runMermaid(run.history, run.findings, { maxLines: 40 }).trimEnd(),
    '```',
    '',
    'Replay it (add `--svg run.svg` for the swimlane picture):',
    '',
    '```sh',
    command,
    '```',
  ].join('\n');
}

function counterexamples(result: ValidateResult, target: ReplayTarget, options: MarkdownOptions) {
  const sections: string[] = [];
  for (const fix of result.fixes) {
    if (fix.counterexamples.length === 0) continue;
    // Verdicts found in the same shrunk run share one picture.
    const byCase = new Map<string, Counterexample[]>();
    for (const c of fix.counterexamples)
      byCase.set(c.caseCode, [...(byCase.get(c.caseCode) ?? []), c]);
    sections.push(`### Fix ${code(fix.fix)}: ${fix.summary}`);
    for (const cases of byCase.values())
      sections.push(counterexampleSection(fix, cases, target, options));
  }
  return sections.length === 0
    ? 'Every fix holds every property in these runs.'
    : sections.join('\n\n');
}

function runFacts(result: ValidateResult, options: MarkdownOptions): string {
  const { unit, total } = exploredBy(result.fixes);
  const exploration =
    unit === 'schedule'
      ? `- exhaustive search of the scenario as written: at most ` +
        `${count(result.runs, 'schedule')} per fix (${count(total, 'schedule')} in all); ` +
        'each counterexample is the first schedule that showed it'
      : `- seed ${result.seed}: every fix went through the same ` +
        `${count(result.runs, 'generated run')} (${count(total, 'run')} in all); ` +
        'each counterexample was shrunk by fast-check';
  const facts = [
    `- scenario: ${code(result.scenario)}, store profile ${code(result.profile)}`,
    exploration,
    `- fixes: ${result.fixes.map((f) => code(f.fix)).join(', ')}`,
    `- counterexamples: ${result.fixes.reduce((n, f) => n + f.counterexamples.length, 0)}`,
  ];
  if (options.elapsedS !== undefined)
    facts.push(`- wall-clock time: ${options.elapsedS.toFixed(1)} s`);
  return facts.join('\n');
}

/** The whole report, Markdown with Mermaid blocks. */
export function validateMarkdown(
  result: ValidateResult,
  target: ReplayTarget,
  options: MarkdownOptions,
): string {
  const failing = result.fixes.filter((f) => violated(f).length > 0).map((f) => code(f.fix));
  const { unit } = exploredBy(result.fixes);
  const perFix = `${unit === 'schedule' ? 'at most ' : ''}${count(result.runs, unit)} per fix`;
  const summary =
    failing.length === 0
      ? 'Every fix holds every property in these runs.'
      : `Fixes that violate a property: ${failing.join(', ')}.`;
  return [
    `# audit-race validate: ${code(result.scenario)}`,
    '',
    `Store ${code(result.profile)}, seed ${result.seed}, ${perFix}. ${summary}`,
    '',
    '## Matrix',
    '',
    `Each cell counts the ${unit}s, out of the ${unit}s per fix, that violated the property.`,
    '',
    matrixTable(result),
    '',
    '## Fixes',
    '',
    fixesTable(result),
    '',
    '## Minimal counterexamples',
    '',
    counterexamples(result, target, options),
    '',
    '## Run facts',
    '',
    runFacts(result, options),
    '',
    `Coverage: how many ${unit}s of each fix reached each situation the properties are about.`,
    '',
    coverageTable(result),
    '',
  ].join('\n');
}
