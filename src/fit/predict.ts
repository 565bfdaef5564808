// Replays the fitted scenario and lays its failed-write lines beside the observed ones, attempt by
// attempt (same writer, same batch, same attempt number), so a reader sees where the model and the
// log agree and where they part.
import { runOnce, type RunOutcome } from '../explore/run.ts';
import type { History } from '../model/history.ts';
import { findFix } from '../scenario/fixes.ts';
import { zeroVariation } from '../scenario/resolve.ts';
import { FAILED_WRITE } from './batches.ts';
import type { LogFit } from './infer.ts';
import type { FitScenario } from './scenario.ts';

export interface PredictedAttempt {
  readonly process: number;
  readonly attempt: number;
  readonly batchSize: number;
  readonly atUtcMs: number;
}

export interface ComparisonRow {
  readonly writer: string;
  /** 1-based batch of this writer. */
  readonly batch: number;
  readonly attempt: number;
  readonly observed: { readonly atUtcMs: number; readonly resolutionMs: number } | null;
  readonly predicted: PredictedAttempt | null;
  /** Predicted within the observed timestamp's resolution (and slack); false if one is missing. */
  readonly agrees: boolean;
  /** Predicted minus observed, ms (against the middle of the observed resolution). */
  readonly offsetMs: number | null;
}

export interface Prediction {
  readonly outcome: RunOutcome;
  readonly rows: readonly ComparisonRow[];
}

const AGREE_SLACK_MS = 20;

/** The run's failed-write lines, per process, split into batches where attempt numbers restart. */
function predictedBatches(history: History): Map<number, PredictedAttempt[][]> {
  const byProcess = new Map<number, PredictedAttempt[][]>();
  for (const log of history.logs) {
    if (log.message !== FAILED_WRITE) continue;
    const attempt = Number(log.fields.attempt);
    const batches = byProcess.get(log.process) ?? [];
    if (attempt === 1 || batches.length === 0) batches.push([]);
    batches.at(-1)!.push({
      process: log.process,
      attempt,
      batchSize: Number(log.fields.batch_size),
      atUtcMs: history.startUtcMs + log.atMs,
    });
    byProcess.set(log.process, batches);
  }
  return byProcess;
}

function row(
  writer: string,
  batch: number,
  attempt: number,
  observed: ComparisonRow['observed'],
  predicted: PredictedAttempt | null,
): ComparisonRow {
  if (observed === null || predicted === null) {
    return { writer, batch, attempt, observed, predicted, agrees: false, offsetMs: null };
  }
  const from = observed.atUtcMs - AGREE_SLACK_MS;
  const to = observed.atUtcMs + observed.resolutionMs - 1 + AGREE_SLACK_MS;
  const agrees = predicted.atUtcMs >= from && predicted.atUtcMs <= to;
  const middle = observed.atUtcMs + Math.floor(observed.resolutionMs / 2);
  return {
    writer,
    batch,
    attempt,
    observed,
    predicted,
    agrees,
    offsetMs: predicted.atUtcMs - middle,
  };
}

/** Runs the fitted scenario as written and pairs its attempts with the log's. */
export function predict(fit: LogFit, fitted: FitScenario): Prediction {
  const { scenario, processOf } = fitted;
  const outcome = runOnce(scenario, findFix(scenario, 'baseline'), zeroVariation(scenario));
  const predicted = predictedBatches(outcome.sim.history);
  const rows: ComparisonRow[] = [];

  for (const writer of fit.grouping.writers) {
    const own = fit.grouping.batches.filter((b) => b.writer === writer);
    const theirs = predicted.get(processOf.get(writer)!) ?? [];
    for (let i = 0; i < Math.max(own.length, theirs.length); i++) {
      const observed = own[i]?.attempts ?? [];
      const model = theirs[i] ?? [];
      const attempts = new Set([...observed.map((a) => a.attempt), ...model.map((a) => a.attempt)]);
      for (const attempt of [...attempts].sort((a, b) => a - b)) {
        const o = observed.find((a) => a.attempt === attempt)?.record ?? null;
        const p = model.find((a) => a.attempt === attempt) ?? null;
        rows.push(row(writer, i + 1, attempt, o, p));
      }
    }
  }
  const at = (r: ComparisonRow) => r.observed?.atUtcMs ?? r.predicted?.atUtcMs ?? 0;
  rows.sort((a, b) => at(a) - at(b));
  return { outcome, rows };
}
