// `audit-race validate`: every requested fix through the same exploration of one scenario; prints
// the matrix, the counterexamples and their replay commands. Exit 1 when a fix named with --fix
// violates a property; the full matrix alone is a report and exits 0.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Strategy } from '../explore/arbitrary.ts';
import { validateInWorkers } from '../explore/parallel.ts';
import { exploredBy } from '../explore/results.ts';
import type { Progress as ExplorationProgress } from '../explore/validate.ts';
import { runOnce } from '../explore/run.ts';
import { validate, type Counterexample, type ValidateResult } from '../explore/validate.ts';
import { validateJunit } from '../report/junit.ts';
import { validateMarkdown } from '../report/markdown.ts';
import { validateJson } from '../report/json.ts';
import { count } from '../report/phrases.ts';
import {
  renderCounterexamples,
  renderCoverage,
  renderSearches,
  renderFixes,
  renderMatrix,
  type ReplayTarget,
} from '../report/matrix.ts';
import { findFix, fixesFor, inapplicableFixes, withProfile } from '../scenario/fixes.ts';
import { AuditRaceError, fileErrorReason } from '../sim/errors.ts';
import { profileSubjects, suiteSubjects, sweepCommand } from './sweep-command.ts';
import { loadScenarioFile, type Scenario } from '../scenario/load.ts';
import { counterexampleFile } from '../explore/counterexample-file.ts';
import { DEFAULT_SCENARIO, displayPath } from './paths.ts';
import {
  checkDistinctFiles,
  checkOutputFile,
  checkOutputFolder,
  writeOutputFile,
} from './output-file.ts';
import { Progress } from './progress.ts';
import { strategyOf } from './strategy.ts';
import { wallNowMs } from './wallclock.ts';

export interface ValidateFlags {
  readonly scenario?: string;
  readonly fix: string[];
  readonly runs: number;
  readonly seed: number;
  readonly json: boolean;
  readonly save?: string;
  readonly strategy: 'random' | 'pct' | 'exhaustive';
  readonly depth?: number;
  /** Worker threads to spread the fixes over; 1 explores on the main thread. */
  readonly workers: number;
  /** A store profile to use instead of the scenario's, or `all` for the profile sweep. */
  readonly profile?: string;
  /** A suite name or `all`: the suite sweep over scenarios/suites. */
  readonly suite?: string;
  /** Also write a Markdown report (matrix, counterexamples with pictures, run facts). */
  readonly report?: string;
  /** Also write JUnit XML: one test case per fix x property. */
  readonly junit?: string;
}

export const CLI_COMMAND = 'npx audit-race';

function saveCounterexamples(dir: string, scenario: Scenario, result: ValidateResult): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const reason = fileErrorReason(error, 'write', 'a folder');
    throw new AuditRaceError('USAGE', `--save ${dir}: cannot create that folder (${reason}).`, {
      cause: error,
    });
  }
  const written: string[] = [];
  for (const fix of result.fixes) {
    for (const c of fix.counterexamples) {
      const path = join(dir, `${scenario.name}.${fix.fix}.${c.verdict}.json`);
      writeOutputFile('--save', path, counterexampleFile(scenario, c));
      written.push(path);
    }
  }
  return written;
}

function sweep(
  flags: ValidateFlags,
  strategy: Strategy,
  requested: string[],
  target: ReplayTarget,
  out: (text: string) => void,
): number {
  if (requested.length > 1) {
    throw new AuditRaceError('USAGE', 'A --profile all or --suite sweep takes one --fix at most.');
  }
  if (flags.suite !== undefined && flags.profile !== undefined) {
    throw new AuditRaceError('USAGE', '--suite and --profile go one at a time.');
  }
  if (flags.suite !== undefined && flags.scenario !== undefined) {
    throw new AuditRaceError(
      'USAGE',
      `--suite runs the scenarios of scenarios/suites, not ${flags.scenario}: give one or the ` +
        'other (--profile all sweeps the store versions of one scenario).',
    );
  }
  const files = { '--report': flags.report, '--junit': flags.junit, '--save': flags.save };
  const given = Object.entries(files).filter(([, path]) => path !== undefined);
  if (given.length > 0) {
    throw new AuditRaceError(
      'USAGE',
      `${given.map(([flag]) => flag).join(' and ')}: not with a --profile all or --suite ` +
        'sweep; --report, --junit and --save take one scenario and one profile.',
    );
  }
  const sweepFlags = { ...flags, fix: requested[0] ?? 'baseline', strategy };
  const subjects =
    flags.suite !== undefined
      ? suiteSubjects(flags.suite, CLI_COMMAND)
      : profileSubjects(loadScenarioFile(flags.scenario ?? DEFAULT_SCENARIO), target);
  const violated = sweepCommand(
    flags.suite !== undefined ? 'suite' : 'profile',
    subjects,
    sweepFlags,
    out,
  );
  return requested.length > 0 && violated ? 1 : 0;
}

/** Writes what --report, --junit and --save ask for, saying so unless --json. */
function writeFiles(
  flags: ValidateFlags,
  scenario: Scenario,
  result: ValidateResult,
  target: ReplayTarget,
  elapsedS: number,
  out: (text: string) => void,
): void {
  const say = (text: string) => (flags.json ? undefined : out(text));
  if (flags.report !== undefined) {
    const replay = (c: Counterexample) => {
      const outcome = runOnce(scenario, findFix(scenario, c.fix), c.variation);
      return { history: outcome.sim.history, findings: outcome.findings };
    };
    const markdown = validateMarkdown(result, target, { replay, elapsedS });
    writeOutputFile('--report', flags.report, markdown);
    say(`Wrote the Markdown report to ${flags.report}.\n`);
  }
  if (flags.junit !== undefined) {
    writeOutputFile('--junit', flags.junit, validateJunit(result, target));
    say(`Wrote JUnit XML to ${flags.junit}.\n`);
  }
  if (flags.save !== undefined) {
    const written = saveCounterexamples(flags.save, scenario, result);
    say(`Wrote ${count(written.length, 'counterexample file')} to ${flags.save}.\n`);
  }
}

/** Refuses, before exploring, the files and the folder the command could not write at the end;
 * creates the --save folder. */
function checkTargets(flags: ValidateFlags, scenarioPath: string): void {
  const files: [flag: string, path: string][] = [];
  if (flags.report !== undefined) files.push(['--report', flags.report]);
  if (flags.junit !== undefined) files.push(['--junit', flags.junit]);
  for (const [flag, path] of files) checkOutputFile(flag, path);
  checkDistinctFiles(files, [['the scenario file', scenarioPath]]);
  if (flags.save !== undefined) checkOutputFolder('--save', flags.save);
}

/** The last line: what was explored, counted as it ran (an exhaustive search stops early). */
function exploredLine(result: ValidateResult, elapsedS: number): string {
  const { unit, total } = exploredBy(result.fixes);
  const shrinking = unit === 'schedule' ? '' : ', shrinking included';
  const rate = (total / elapsedS).toFixed(0);
  return `${count(total, unit)} in ${elapsedS.toFixed(1)} s (${rate} ${unit}s/s${shrinking}).`;
}

/** The fix names --fix gives, comma-separated ones split; none for every applicable fix. */
function requestedFixes(flags: ValidateFlags): string[] {
  const requested = flags.fix.flatMap((f) => f.split(',')).map((f) => f.trim());
  if (requested.includes('')) {
    // An empty name is most often an unset variable in a CI script: running every fix and
    // exiting 0 would let that script pass without checking anything.
    throw new AuditRaceError('USAGE', '--fix: empty fix name. Name a fix, e.g. --fix E.');
  }
  return requested;
}

/** The worker threads to use: --workers, capped at one per fix and one per CPU, saying why when
 * it is capped (on stderr, so that --json output stays one document). */
function workersFor(flags: ValidateFlags, fixCount: number): number {
  const cpus = availableParallelism();
  const workers = Math.min(flags.workers, cpus, fixCount);
  if (workers < flags.workers && !flags.json) {
    const caps = [];
    if (fixCount < flags.workers) caps.push(`one per fix (${count(fixCount, 'fix')})`);
    if (cpus < flags.workers) caps.push(`one per CPU (${count(cpus, 'CPU')})`);
    process.stderr.write(
      `audit-race: using ${count(workers, 'worker')}, not ${flags.workers}: ` +
        `workers are capped at ${caps.join(' and ')}.\n`,
    );
  }
  return workers;
}

/** The text output: matrix, fixes (and those left out), coverage, searches, counterexamples. */
function textOutput(
  result: ValidateResult,
  leftOut: readonly { readonly fix: string; readonly reason: string }[],
  target: ReplayTarget,
  elapsedS: number,
): string {
  let text = `${renderMatrix(result)}\n\nFixes:\n${renderFixes(result)}\n`;
  if (leftOut.length > 0) {
    const lines = leftOut.map((f) => `  ${f.fix.padEnd(8)} ${f.reason}`);
    text += `Left out, nothing to act on in this teardown:\n${lines.join('\n')}\n`;
  }
  const columns = result.fixes.map((report) => ({ label: report.fix, report }));
  text += `\nSituations reached:\n${renderCoverage(columns)}\n`;
  const searches = renderSearches(columns);
  if (searches !== '') text += `\n${searches}\n`;
  const counterexamples = renderCounterexamples(result, target);
  if (counterexamples !== '') text += `\n${counterexamples}\n`;
  return `${text}\n${exploredLine(result, elapsedS)}\n`;
}

/** Runs the command; returns the exit code. */
export async function validateCommand(
  flags: ValidateFlags,
  out: (text: string) => void,
): Promise<number> {
  const scenarioPath = flags.scenario ?? DEFAULT_SCENARIO;
  const requested = requestedFixes(flags);
  const strategy = strategyOf(flags);
  let target: ReplayTarget = {
    command: CLI_COMMAND,
    scenarioArg: flags.scenario === undefined ? null : displayPath(scenarioPath),
  };
  if (flags.suite !== undefined || flags.profile === 'all') {
    return sweep(flags, strategy, requested, target, out);
  }

  let scenario = loadScenarioFile(scenarioPath);
  if (flags.profile !== undefined) {
    scenario = withProfile(scenario, flags.profile);
    target = { ...target, extraArgs: ['--profile', flags.profile] };
  }
  const fixes =
    requested.length > 0 ? requested.map((n) => findFix(scenario, n)) : fixesFor(scenario);
  checkTargets(flags, scenarioPath);

  const total = fixes.length * flags.runs;
  const progress = new Progress(process.stderr.isTTY === true && !flags.json, total);
  const started = wallNowMs();
  const options = {
    runs: flags.runs,
    seed: flags.seed,
    strategy,
    onProgress: (p: ExplorationProgress) => progress.update(p),
  };
  const workers = workersFor(flags, fixes.length);
  const result =
    workers > 1
      ? await validateInWorkers(scenario, fixes, options, workers)
      : validate(scenario, fixes, options);
  progress.done();
  const elapsedS = (wallNowMs() - started) / 1_000;

  if (flags.json) {
    out(validateJson(result, target));
  } else {
    // Without --fix, the fixes with nothing to act on were left out; the text says which.
    const leftOut = requested.length === 0 ? inapplicableFixes(scenario) : [];
    out(textOutput(result, leftOut, target, elapsedS));
  }
  writeFiles(flags, scenario, result, target, elapsedS, out);

  const violated = result.fixes.some((f) => Object.values(f.violations).some((n) => n > 0));
  return requested.length > 0 && violated ? 1 : 0;
}
