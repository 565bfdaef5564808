// `audit-race validate --profile all` and `--suite NAME|all`: the same exploration across store
// versions or across suite scenario files, one matrix column per version or suite, so "which
// version and which teardown has which race" is answered by exploration, not from memory.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RANDOM, type Strategy } from '../explore/arbitrary.ts';
import { validateFix, type FixReport } from '../explore/validate.ts';
import { PROFILE_NAMES } from '../model/profiles.ts';
import { VALIDATE_JSON_VERSION } from '../report/json.ts';
import {
  renderColumnCounterexamples,
  renderCoverage,
  renderSearches,
  renderGrid,
  replayCommand,
  type ReplayTarget,
} from '../report/matrix.ts';
import { count } from '../report/phrases.ts';
import { findFix, inapplicableFixes } from '../scenario/fixes.ts';
import { loadScenarioFile, type Scenario } from '../scenario/load.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { PACKAGE_ROOT, displayPath } from './paths.ts';
import { Progress } from './progress.ts';

export const SUITES_DIR = join(PACKAGE_ROOT, 'scenarios', 'suites');

const SUITE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  workflowexecution: 'WE',
  aianalysis: 'AIA',
  signalprocessing: 'SP',
  remediationorchestrator: 'RO',
  notification: 'NT',
};

export interface SweepSubject {
  /** Short column label, e.g. `01-24` or `WE 01-04`. */
  readonly label: string;
  readonly scenario: Scenario;
  readonly target: ReplayTarget;
}

export interface SweepFlags {
  readonly fix: string;
  readonly runs: number;
  readonly seed: number;
  readonly json: boolean;
  readonly strategy?: Strategy;
}

/** The scenario under every store profile, labelled by the profile's date. */
export function profileSubjects(scenario: Scenario, target: ReplayTarget): SweepSubject[] {
  return PROFILE_NAMES.map((profile) => ({
    label: profile.replace(/^kubernaut-\d{4}-/, ''),
    scenario: { ...scenario, profile },
    target: { ...target, extraArgs: ['--profile', profile] },
  }));
}

/** Suite scenario files whose name starts with `suite` (every one for `all`). */
export function suiteSubjects(suite: string, command: string): SweepSubject[] {
  const files = readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const subjects = files
    .map((file) => ({
      path: join(SUITES_DIR, file),
      scenario: loadScenarioFile(join(SUITES_DIR, file)),
    }))
    .filter(({ scenario }) => suite === 'all' || scenario.name.startsWith(suite))
    .map(({ path, scenario }) => {
      const [name = '', ...date] = scenario.name.split('-');
      const when = date.join('-').replace(/^\d{4}-/, '');
      const label = `${SUITE_ABBREVIATIONS[name] ?? name} ${when}`.trim();
      return { label, scenario, target: { command, scenarioArg: displayPath(path) } };
    });
  if (subjects.length > 0) return subjects;
  const known = Object.keys(SUITE_ABBREVIATIONS).join(', ');
  throw new AuditRaceError(
    'USAGE',
    `--suite ${suite}: no suite scenario matches. Expected all or one of: ${known}.`,
  );
}

export function sweepCommand(
  axis: 'profile' | 'suite',
  subjects: readonly SweepSubject[],
  flags: SweepFlags,
  out: (text: string) => void,
): boolean {
  // A suite whose teardown has nothing for the fix to act on is left out, and said so.
  const skipped = subjects.flatMap((s) => {
    const reason = inapplicableFixes(s.scenario).find((f) => f.fix === flags.fix)?.reason;
    return reason === undefined ? [] : [`  ${s.label.padEnd(10)} ${s.scenario.name}: ${reason}`];
  });
  const applicable = subjects.filter(
    (s) => !inapplicableFixes(s.scenario).some((f) => f.fix === flags.fix),
  );
  const progress = new Progress(
    process.stderr.isTTY === true && !flags.json,
    applicable.length * flags.runs,
  );
  const columns = applicable.map((subject) => {
    const fix = findFix(subject.scenario, flags.fix);
    const report: FixReport = validateFix(subject.scenario, fix, {
      runs: flags.runs,
      seed: flags.seed,
      strategy: flags.strategy ?? RANDOM,
      onProgress: (p) => progress.update(p, subject.label),
    });
    return { ...subject, report };
  });
  progress.done();

  if (flags.json) {
    const document = {
      format: 'audit-race/sweep',
      version: VALIDATE_JSON_VERSION,
      axis,
      fix: flags.fix,
      seed: flags.seed,
      runs: flags.runs,
      columns: columns.map((c) => ({
        label: c.label,
        scenario: c.scenario.name,
        profile: c.scenario.profile,
        ...c.report,
        counterexamples: c.report.counterexamples.map((x) => ({
          ...x,
          replay: replayCommand(x, c.target),
        })),
      })),
    };
    out(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const legend = columns.map(
      (c) => `  ${c.label.padEnd(10)} ${c.scenario.name} (store ${c.scenario.profile})`,
    );
    out(
      `${axis === 'profile' ? 'Store profiles' : 'Suites'} under fix ${flags.fix}, ` +
        `seed ${flags.seed}: ` +
        `runs violating each property, out of ${count(flags.runs, 'run')} per column.\n` +
        `${renderGrid(columns)}\n\nColumns:\n${legend.join('\n')}\n\n` +
        `Situations reached:\n${renderCoverage(columns)}\n`,
    );
    if (skipped.length > 0) out(`\nFix ${flags.fix} does not apply to:\n${skipped.join('\n')}\n`);
    const searches = renderSearches(columns);
    if (searches !== '') out(`\n${searches}\n`);
    const counterexamples = renderColumnCounterexamples(columns);
    if (counterexamples !== '') out(`\n${counterexamples}\n`);
  }
  return columns.some((c) => Object.values(c.report.violations).some((n) => n > 0));
}
