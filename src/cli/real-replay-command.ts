// `audit-race replay ... --real [--time-scale F]`: the same case as a plain replay, predicted by
// the core, then run for real: the reference store against a DataStorage stand-in on 127.0.0.1,
// in real time scaled by F, stopped when the teardown says. Prints the observed attempts (with
// the real errors they met) beside the predicted ones and the largest timing difference. An
// interrupt (Ctrl-C) stops the run; the server is closed on every way out.
import { InvalidArgumentError } from 'commander';
import { runOnce } from '../explore/run.ts';
import { runReferenceReal } from '../fidelity/real-run.ts';
import { REAL_TIME } from './wallclock.ts';
import { compareTiming } from '../fidelity/timing.ts';
import { findingsOf } from '../check/findings.ts';
import { describePlan } from '../model/teardown.ts';
import { realReplayLines } from '../report/real-replay.ts';
import { findFix, withProfile } from '../scenario/fixes.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { resolveInput, type ReplayFlags } from './replay-command.ts';

export interface RealReplayFlags extends ReplayFlags {
  readonly real?: boolean;
  /** Real ms per scenario ms. */
  readonly timeScale?: number;
}

export const DEFAULT_TIME_SCALE = 0.05;

/** The exit code of a run stopped by SIGINT, as a shell reports it. */
const EXIT_INTERRUPTED = 130;

/** Real ms a run may take at most, whatever its length: ten minutes. */
const MAX_CAP_MS = 600_000;

/** Parses `--time-scale`: a number above 0 and at most 10. */
export function timeScaleArgument(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new InvalidArgumentError(`--time-scale must be a number in (0, 10], got "${value}".`);
  }
  return scale;
}

/** The real-time bound of a run: three times its predicted length, plus ten seconds. */
export function hardCapMs(predictedEndMs: number, timeScale: number): number {
  return Math.min(MAX_CAP_MS, Math.ceil(predictedEndMs * timeScale * 3) + 10_000);
}

/** Runs the command; resolves with the exit code once the stand-in is closed. */
export async function realReplayCommand(
  file: string | undefined,
  flags: RealReplayFlags,
  out: (text: string) => void,
): Promise<number> {
  if (flags.real !== true) {
    throw new AuditRaceError(
      'USAGE',
      '--time-scale sets the pace of a --real run; add --real, or leave --time-scale out.',
    );
  }
  if (flags.svg !== undefined) {
    // The picture is of the simulated run; written beside a real one, it would pass for it.
    throw new AuditRaceError(
      'USAGE',
      '--svg draws a simulated replay and does not go with --real. ' +
        'Run the replay without --real to get its picture.',
    );
  }
  let input = resolveInput(file, flags);
  if (flags.profile !== undefined) {
    input = { ...input, scenario: withProfile(input.scenario, flags.profile) };
  }
  const fix = findFix(input.scenario, input.fix);
  const predicted = runOnce(input.scenario, fix, input.variation);
  const timeScale = flags.timeScale ?? DEFAULT_TIME_SCALE;
  const capMs = hardCapMs(predicted.sim.history.endMs, timeScale);
  const seconds = (predicted.sim.history.endMs * timeScale) / 1_000;

  out(`# scenario ${input.scenario.name}, store ${input.scenario.profile}, fix ${fix.name}\n`);
  out(`# teardown: ${describePlan(predicted.spec.plan)}\n`);
  out(`# running for real: about ${seconds.toFixed(1)} s, at most ${Math.ceil(capMs / 1_000)} s\n`);

  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  let observed;
  try {
    observed = await runReferenceReal(predicted.spec, {
      realTime: REAL_TIME,
      timeScale,
      hardCapMs: capMs,
      signal: interrupt.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }

  const observedFindings = findingsOf(observed.history);
  const lines = realReplayLines({
    predicted: predicted.sim.history,
    predictedFindings: predicted.findings,
    observed,
    observedFindings,
    timing: compareTiming(predicted.sim.history, observed.history),
    timeScale,
  });
  out(`${lines.join('\n')}\n`);
  if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
  return observedFindings.length > 0 ? 1 : 0;
}
