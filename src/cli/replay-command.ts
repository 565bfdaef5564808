// `audit-race replay`: reruns one case, from a scenario file (as written, or with the `--case` a
// validate printed, or fast-check's seed and path) or from a saved counterexample file, and prints
// its timeline in the CI log format followed by the verdicts. Exit 1 when a property is violated.
import { readFileSync } from 'node:fs';
import { decodeCase } from '../explore/case-code.ts';
import {
  checkVariationFits,
  isCounterexampleFile,
  parseCounterexampleFile,
} from '../explore/counterexample-file.ts';
import { runOnce } from '../explore/run.ts';
import { describePlan } from '../model/teardown.ts';
import { runSvg } from '../report/svg.ts';
import { timelineLines, verdictLines } from '../report/timeline.ts';
import { findFix, withProfile } from '../scenario/fixes.ts';
import { loadScenarioFile, parseScenario, type Scenario } from '../scenario/load.ts';
import { zeroVariation, type Variation } from '../scenario/resolve.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { variationAt } from '../explore/replay-path.ts';
import { checkOutputFile, writeOutputFile } from './output-file.ts';
import { strategyOf } from './strategy.ts';
import { DEFAULT_SCENARIO } from './paths.ts';

export interface ReplayFlags {
  readonly fix?: string;
  readonly case?: string;
  readonly seed?: number;
  readonly path?: string;
  /** With --seed/--path: the strategy validate explored with (its arbitrary differs). */
  readonly strategy?: 'random' | 'pct' | 'exhaustive';
  readonly depth?: number;
  readonly profile?: string;
  /** Also write the run's swimlane picture as an SVG file. */
  readonly svg?: string;
}

export interface ReplayInput {
  readonly scenario: Scenario;
  readonly fix: string;
  readonly variation: Variation;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function resolveInput(file: string | undefined, flags: ReplayFlags): ReplayInput {
  const strategy = strategyOf({ strategy: flags.strategy ?? 'random', depth: flags.depth });
  const source = file ?? DEFAULT_SCENARIO;
  const json = file === undefined ? undefined : readJson(file);
  if (isCounterexampleFile(json)) {
    if (flags.case !== undefined || flags.seed !== undefined) {
      throw new AuditRaceError(
        'USAGE',
        `${source} is a counterexample file; it takes no --case or --seed.`,
      );
    }
    const loaded = parseCounterexampleFile(json, source);
    checkVariationFits(loaded.scenario, loaded.variation, source);
    return { scenario: loaded.scenario, fix: flags.fix ?? loaded.fix, variation: loaded.variation };
  }

  const scenario = json === undefined ? loadScenarioFile(source) : parseScenario(json, source);
  const fix = flags.fix ?? 'baseline';
  if (flags.case !== undefined) {
    if (flags.seed !== undefined || flags.path !== undefined) {
      throw new AuditRaceError(
        'USAGE',
        '--case and --seed/--path each name a run: give one of them, as validate printed it.',
      );
    }
    const variation = decodeCase(flags.case);
    checkVariationFits(scenario, variation, '--case');
    return { scenario, fix, variation };
  }
  if ((flags.seed === undefined) !== (flags.path === undefined)) {
    throw new AuditRaceError(
      'USAGE',
      '--seed and --path go together (both as validate printed them).',
    );
  }
  if (flags.seed !== undefined && flags.path !== undefined) {
    const found = findFix(scenario, fix);
    return {
      scenario,
      fix,
      variation: variationAt(scenario, found, flags.seed, flags.path, strategy),
    };
  }
  return { scenario, fix, variation: zeroVariation(scenario) };
}

/** Runs the command; returns the exit code. */
export function replayCommand(
  file: string | undefined,
  flags: ReplayFlags,
  out: (text: string) => void,
) {
  // A picture that cannot be written fails before the timeline is printed, not after it.
  if (flags.svg !== undefined) checkOutputFile('--svg', flags.svg);
  let input = resolveInput(file, flags);
  if (flags.profile !== undefined) {
    input = { ...input, scenario: withProfile(input.scenario, flags.profile) };
  }
  const fix = findFix(input.scenario, input.fix);
  const outcome = runOnce(input.scenario, fix, input.variation);
  const history = outcome.sim.history;

  out(
    `# scenario ${input.scenario.name}, store ${input.scenario.profile}, ` +
      `fix ${fix.name}: ${fix.summary}\n`,
  );
  out(`# teardown: ${describePlan(outcome.spec.plan)}\n`);
  out(`# ${outcome.sim.steps} steps, ${outcome.sim.decisions} scheduling decisions\n`);
  out(`${timelineLines(history).join('\n')}\n\n`);
  out(`${verdictLines(history, outcome.findings).join('\n')}\n`);
  if (flags.svg !== undefined) {
    const title = `${input.scenario.name}, fix ${fix.name}, store ${input.scenario.profile}`;
    writeOutputFile('--svg', flags.svg, runSvg(history, outcome.findings, { title }));
    out(`Wrote the swimlane picture to ${flags.svg}.\n`);
  }
  return outcome.findings.length > 0 ? 1 : 0;
}
