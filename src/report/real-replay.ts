// A real-socket replay as text: the write attempts the core predicted beside those the reference
// store made against the real DataStorage stand-in (with the real error each met), the largest
// timing difference, both runs' verdicts, and the observed timeline in the CI log format.
import type { Finding } from '../explore/run.ts';
import type { RealRun } from '../fidelity/real-run.ts';
import type { AttemptPair, TimingComparison } from '../fidelity/timing.ts';
import type { History, WriteAttempt } from '../model/history.ts';
import { timelineLines } from './timeline.ts';
import { utc } from './timestamp.ts';

export interface RealReplayReport {
  readonly predicted: History;
  readonly predictedFindings: readonly Finding[];
  readonly observed: RealRun;
  readonly observedFindings: readonly Finding[];
  readonly timing: TimingComparison;
  /** Real ms per scenario ms. */
  readonly timeScale: number;
}

/** `17:44:20.400` of scenario time `atMs`. */
function clockTime(startUtcMs: number, atMs: number): string {
  return utc(startUtcMs, Math.round(atMs)).slice(11, 23);
}

function signedMs(ms: number): string {
  const rounded = Math.round(ms);
  return `${rounded >= 0 ? '+' : ''}${rounded} ms`;
}

function attemptName(a: WriteAttempt): string {
  return `p${a.process} batch ${a.batchId} attempt ${a.attempt}`;
}

/** The error's own words, without the client's `network error: Post "url": ` prefix. */
function shortError(error: string | null): string {
  if (error === null) return '';
  return error.replace(/^network error: Post "[^"]*": /, '');
}

function pairLine(start: number, pair: AttemptPair): string {
  const { predicted: p, observed: o } = pair;
  const name = attemptName((p ?? o)!).padEnd(26);
  const events = `${(p ?? o)!.eventIds.length} ev`.padEnd(6);
  const left =
    p === null
      ? '(not predicted)'.padEnd(22)
      : `${clockTime(start, p.startMs)} ${p.result.padEnd(9)}`;
  const right =
    o === null
      ? '(not observed)'.padEnd(22)
      : `${clockTime(start, o.startMs)} ${o.result.padEnd(9)}`;
  const delta = (pair.deltaMs === null ? '' : signedMs(pair.deltaMs)).padStart(9);
  return `  ${name}${events}${left}  ${right}${delta}  ${shortError(pair.observedError)}`.trimEnd();
}

function verdictSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'every property holds';
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.verdict, (counts.get(f.verdict) ?? 0) + 1);
  return [...counts].map(([verdict, n]) => `${verdict} (${n})`).join(', ');
}

function stopLine(report: RealReplayReport): string {
  const start = report.predicted.startUtcMs;
  const p = report.predicted.backendStoppedAtMs;
  const o = report.observed.history.backendStoppedAtMs;
  const show = (ms: number | null) => (ms === null ? 'never' : clockTime(start, ms));
  const delta = p !== null && o !== null ? ` (${signedMs(o - p)})` : '';
  return `DataStorage stopped: predicted ${show(p)}, observed ${show(o)}${delta}`;
}

function largestLine(report: RealReplayReport): string {
  const largest = report.timing.largest;
  if (largest === null)
    return 'Largest timing difference: no attempt was both predicted and observed.';
  const deltaMs = largest.deltaMs!;
  const realMs = (Math.abs(deltaMs) * report.timeScale).toFixed(1);
  return (
    `Largest timing difference: ${signedMs(deltaMs)} of scenario time (${realMs} real ms) at ` +
    `${attemptName(largest.predicted!)}`
  );
}

export function realReplayLines(report: RealReplayReport): string[] {
  const { observed, timing, timeScale } = report;
  const start = report.predicted.startUtcMs;
  const perSecond = (1_000 * timeScale).toFixed(0);
  const predictedCount = timing.pairs.filter((p) => p.predicted !== null).length;
  const observedCount = timing.pairs.filter((p) => p.observed !== null).length;
  const agreement = timing.agree
    ? 'same batches, sizes and results'
    : 'they differ (see the table)';
  const end =
    observed.end.kind === 'stopped' ? [`Observed run stopped early: ${observed.end.reason}.`] : [];

  return [
    `# real sockets: DataStorage stand-in on 127.0.0.1:${observed.port}, time scale ${timeScale} ` +
      `(1 scenario s = ${perSecond} real ms); times are scenario time`,
    `  ${'write attempt'.padEnd(26)}${'size'.padEnd(6)}${'predicted (core)'.padEnd(22)}  ` +
      `${'observed (real)'.padEnd(22)}${'diff'.padStart(9)}  error met`,
    ...timing.pairs.map((pair) => pairLine(start, pair)),
    '',
    stopLine(report),
    `Attempts: ${predictedCount} predicted, ${observedCount} observed; ${agreement}.`,
    largestLine(report),
    `Verdicts predicted: ${verdictSummary(report.predictedFindings)}.`,
    `Verdicts observed:  ${verdictSummary(report.observedFindings)}.`,
    ...end,
    ...observed.problems.map((problem) => `Stand-in problem: ${problem}`),
    '',
    '# observed timeline (CI log format)',
    ...timelineLines(observed.history),
  ];
}
