// The validate result as text: the fix x property matrix (one row per verdict, one column per
// fix, cells count violating runs), what each fix costs in teardown time, and per failing fix its
// shrunk counterexamples with the command that replays each.
import Table from 'cli-table3';
import type { Counterexample, ValidateResult } from '../explore/validate.ts';
import { VERDICT_IDS } from '../explore/validate.ts';
import { seconds } from './timestamp.ts';

export interface ReplayTarget {
  /** How the user names the scenario on the command line (a path), or null for the default. */
  readonly scenarioArg: string | null;
  /** The command prefix that runs the CLI, e.g. `npx audit-race`. */
  readonly command: string;
}

export function replayCommand(c: Counterexample, target: ReplayTarget): string {
  const scenario = target.scenarioArg === null ? '' : ` ${target.scenarioArg}`;
  return `${target.command} replay${scenario} --fix ${c.fix} --case ${c.caseCode}`;
}

export function renderMatrix(result: ValidateResult): string {
  const fixes = result.fixes;
  const table = new Table({
    head: ['property', ...fixes.map((f) => f.fix)],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...fixes.map(() => 'right' as const)],
  });
  for (const verdict of VERDICT_IDS) {
    table.push([verdict, ...fixes.map((f) => String(f.violations[verdict]))]);
  }
  table.push([{ colSpan: fixes.length + 1, content: 'what the teardown costs, virtual time' }]);
  table.push(['teardown cost (median)', ...fixes.map((f) => seconds(f.teardownMs.median))]);
  table.push(['teardown cost (p95)', ...fixes.map((f) => seconds(f.teardownMs.p95))]);

  const header =
    `Scenario ${result.scenario} (store ${result.profile}), seed ${result.seed}: ` +
    `runs violating each property, out of ${result.runs} runs per fix.`;
  return `${header}\n${table.toString()}`;
}

export function renderFixes(result: ValidateResult): string {
  return result.fixes
    .map((f) => `  ${f.fix.padEnd(8)} ${f.summary}\n           plan: ${f.plan}`)
    .join('\n');
}

export function renderCounterexamples(result: ValidateResult, target: ReplayTarget): string {
  const sections: string[] = [];
  for (const fix of result.fixes) {
    if (fix.counterexamples.length === 0) continue;
    const lines = [`Fix ${fix.fix} (${fix.summary}): minimal counterexamples`];
    for (const c of fix.counterexamples) {
      const { events, processes, decisions } = c.kept;
      lines.push(`  ${c.verdict}: ${c.message}`);
      lines.push(
        `    kept ${events} events in ${processes} processes, ${decisions} scheduling decisions;` +
          ` fast-check seed ${c.fastCheck.seed} path ${c.fastCheck.path}`,
      );
      lines.push(`    replay: ${replayCommand(c, target)}`);
    }
    sections.push(lines.join('\n'));
  }
  return sections.join('\n\n');
}
