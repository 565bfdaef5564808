// Where two runs of the same spec part ways: the core's and a reference run's write attempts
// (who, which batch and attempt, when, how many events, what came back) and their verdicts. Any
// difference is a bug in one of the two; this only finds it, the spec decides which.
import type { Finding } from '../explore/run.ts';
import type { History, WriteAttempt } from '../model/history.ts';

/** One side of a comparison: a run's history and its verdicts. */
export interface JudgedRun {
  readonly history: History;
  readonly findings: readonly Finding[];
}

export interface Disagreement {
  readonly what: 'attempts' | 'verdicts';
  /** The first entry that differs, core side; null when the core has no such entry. */
  readonly core: string | null;
  readonly reference: string | null;
  /** Position of that entry in the ordered list. */
  readonly index: number;
}

/** An attempt as the comparison sees it: virtual start, process, batch, attempt, size, result. */
export function attemptKey(a: WriteAttempt): string {
  return (
    `${a.startMs} ms p${a.process} batch ${a.batchId} attempt ${a.attempt}: ` +
    `${a.eventIds.length} events, ${a.result}`
  );
}

/** A verdict as the comparison sees it: property, time and process. */
export function findingKey(f: Finding): string {
  return `${f.verdict} at ${f.atMs} ms${f.process === null ? '' : ` (p${f.process})`}`;
}

/** The ordered write attempts of a run: by start, then process, batch and attempt. */
export function orderedAttempts(history: History): WriteAttempt[] {
  return [...history.attempts].sort(
    (a, b) =>
      a.startMs - b.startMs ||
      a.process - b.process ||
      a.batchId - b.batchId ||
      a.attempt - b.attempt,
  );
}

/** The differences between the core's run and the reference run; empty when they agree. */
export function compareRuns(core: JudgedRun, reference: JudgedRun): Disagreement[] {
  const disagreements: Disagreement[] = [];
  const attempts = firstDifference(
    orderedAttempts(core.history).map(attemptKey),
    orderedAttempts(reference.history).map(attemptKey),
  );
  if (attempts !== null) disagreements.push({ what: 'attempts', ...attempts });

  const verdicts = firstDifference(
    core.findings.map(findingKey).sort(),
    reference.findings.map(findingKey).sort(),
  );
  if (verdicts !== null) disagreements.push({ what: 'verdicts', ...verdicts });
  return disagreements;
}

function firstDifference(
  core: readonly string[],
  reference: readonly string[],
): { core: string | null; reference: string | null; index: number } | null {
  const length = Math.max(core.length, reference.length);
  for (let index = 0; index < length; index++) {
    if (core[index] === reference[index]) continue;
    return { core: core[index] ?? null, reference: reference[index] ?? null, index };
  }
  return null;
}

/** One line per disagreement, for a test failure or a report. */
export function describeDisagreements(disagreements: readonly Disagreement[]): string[] {
  return disagreements.map(
    (d) =>
      `${d.what} differ at #${d.index}: core ${d.core ?? '(none)'}; ` +
      `reference ${d.reference ?? '(none)'}`,
  );
}
