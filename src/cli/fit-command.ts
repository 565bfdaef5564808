// `audit-race fit LOGFILE`: reads a CI log's failed audit writes, prints what they tell (batches,
// writers, attempts, the backoff rule with residuals, when DataStorage went away), replays a
// scenario built from that and lays predicted beside observed lines, and checks stated claims.
// Exit 0, 1 when a claim is contradicted by the log, 2 for bad input.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { RuleFit } from '../fit/backoff.ts';
import {
  checkBackoffClaim,
  checkRetryWindowClaim,
  parseBackoffClaim,
  parseDuration,
  type ClaimVerdict,
} from '../fit/claims.ts';
import { fitLog, type LogFit } from '../fit/infer.ts';
import { predict, type ComparisonRow } from '../fit/predict.ts';
import { fitScenario } from '../fit/scenario.ts';
import { describePlan } from '../model/teardown.ts';
import type { Scenario } from '../scenario/load.ts';
import { AuditRaceError, fileErrorReason } from '../sim/errors.ts';
import { checkOutputFile, writeOutputFile } from './output-file.ts';

export interface FitFlags {
  readonly claimBackoff?: string;
  readonly claimRetryWindow?: string;
  /** Also write the scenario built from the log, to validate fixes against it. */
  readonly saveScenario?: string;
}

const sec = (ms: number) => `${Math.round(ms) / 1_000} s`;
const band = (lo: number, hi: number) =>
  hi - lo < 200
    ? sec((lo + hi) / 2)
    : `${Math.max(0, Math.round(lo / 100) / 10)}-${Math.round(hi / 100) / 10} s`;
const span = (values: readonly number[]) => {
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  return lo === hi ? sec(lo) : `${sec(lo)} to ${sec(hi)}`;
};
const clock = (utcMs: number, resolutionMs: number) =>
  new Date(utcMs).toISOString().slice(11, resolutionMs >= 1_000 ? 19 : 23);

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = fileErrorReason(error, 'read', 'a log file');
    throw new AuditRaceError('USAGE', `Cannot read log ${path}: ${reason}.`, { cause: error });
  }
}

function batchLines(fit: LogFit): string[] {
  const lines: string[] = [];
  fit.grouping.batches.forEach((b, i) => {
    const times = b.attempts.map((a) => clock(a.record.atUtcMs, a.record.resolutionMs));
    const size = b.attempts[0]!.batchSize;
    const events = size === null ? 'size unknown' : `${size} event${size === 1 ? '' : 's'}`;
    const end = b.dropped ? ', dropped' : b.complete ? '' : ', may go on past the log';
    lines.push(
      `  batch ${i + 1}: writer ${b.writer}, ${events}, attempts ` +
        `${b.attempts.map((a) => a.attempt).join(',')} at ${times.join(', ')}${end}`,
    );
  });
  return lines;
}

function ruleLine(rule: RuleFit, best: boolean, fit: LogFit): string {
  const ks = [...new Set(fit.samples.map((s) => s.attempt))].sort((a, b) => a - b);
  const predicted = ks
    .map((k) => rule.sleepMs(k))
    .map(([lo, hi]) => (lo === hi ? sec(lo) : `${sec(lo).slice(0, -2)}-${sec(hi)}`));
  const residuals = rule.residualsMs.map((r) => sec(r)).join(', ');
  const verdict = rule.fits ? (best ? 'FITS (best)' : 'fits') : 'does not fit';
  return (
    `  ${rule.rule.padEnd(19)} ${verdict.padEnd(13)} predicts ${predicted.join(', ')}; ` +
    `residuals ${residuals}  [${rule.description}]`
  );
}

function inferenceLines(fit: LogFit, source: string): string[] {
  const { grouping, attemptsPerBatch: apb, backendAway: away } = fit;
  const resolution =
    fit.resolutionMs >= 1_000 ? `${fit.resolutionMs / 1_000} s` : `${fit.resolutionMs} ms`;
  const writersHow =
    grouping.writersFrom === 'process-field'
      ? 'told apart by the "process" field'
      : 'no "process" field: the fewest writers whose batches do not overlap';
  const best = fit.rules[0]!;
  const fitting = fit.rules.filter((r) => r.fits);
  const delays = [...new Set(fit.samples.map((x) => x.attempt))]
    .sort((x, y) => x - y)
    .map((k) => {
      const of = fit.samples.filter((x) => x.attempt === k);
      const [lo, hi] = [Math.min(...of.map((x) => x.loMs)), Math.max(...of.map((x) => x.hiMs))];
      const measured = span(of.map((x) => x.pointMs));
      return `after attempt ${k}: ${measured} (${of.length} batches; ${band(lo, hi)})`;
    });
  return [
    `Read ${source}: ${fit.failedWrites} failed writes, ${fit.dataLossLines} data-loss lines, ` +
      `timestamps to ${resolution}.`,
    `Writers failing: ${grouping.writers.length} (${grouping.writers.join(', ')}; ${writersHow}).`,
    `Batches: ${grouping.batches.length}`,
    ...batchLines(fit),
    `Attempts per batch: ${apb.value}` +
      (apb.exact
        ? ` (${apb.completeBatches === 1 ? 'the' : `all ${apb.completeBatches}`} complete ` +
          `batch${apb.completeBatches === 1 ? '' : 'es'}; ` +
          `MaxRetries ${apb.value} = total attempts)`
        : ` at least (no complete batches agree)`),
    `DataStorage went away: by ${clock(away.atUtcMs, away.resolutionMs)} UTC on ` +
      `${new Date(away.atUtcMs).toISOString().slice(0, 10)}, ` +
      'when the first failed attempt was sent ' +
      `(mode ${away.mode}: ${away.error || 'no error text'}); the log shows no earlier write.`,
    'Delays between attempts (the sleep after attempt k; in brackets what timestamps to ' +
      `${resolution} allow):`,
    ...(delays.length > 0 ? delays.map((d) => `  ${d}`) : ['  none: no batch shows two attempts']),
    'Backoff rules:',
    ...fit.rules.map((r) => ruleLine(r, r === best && r.fits, fit)),
    fitting.length === 0
      ? "No rule fits within the timestamps' resolution; the nearest is named first."
      : `Backoff rule the timestamps support: ${best.rule} (${best.description})` +
        (fitting.length > 1
          ? `; also consistent: ${fitting
              .slice(1)
              .map((r) => r.rule)
              .join(', ')}.`
          : '.'),
  ];
}

function comparisonLines(rows: readonly ComparisonRow[]): string[] {
  const cell = (text: string) => text.padEnd(44);
  const lines = [`  ${cell('observed (log)')}| predicted (model)`];
  for (const r of rows) {
    const what = `writer ${r.writer} batch ${r.batch} attempt ${r.attempt}`;
    const o =
      r.observed === null ? '-' : `${clock(r.observed.atUtcMs, r.observed.resolutionMs)} ${what}`;
    const p = r.predicted === null ? '-' : `${clock(r.predicted.atUtcMs, 1)} ${what}`;
    const mark = r.agrees
      ? '='
      : r.offsetMs === null
        ? '(missing)'
        : `differs by ${sec(r.offsetMs)}`;
    lines.push(`  ${cell(o)}| ${p.padEnd(44)} ${mark}`);
  }
  return lines;
}

function claimLines(fit: LogFit, flags: FitFlags): ClaimVerdict[] {
  const verdicts: ClaimVerdict[] = [];
  if (flags.claimBackoff !== undefined) {
    const sleeps = parseBackoffClaim(flags.claimBackoff);
    if (sleeps === null) {
      throw new AuditRaceError(
        'USAGE',
        `--claim-backoff "${flags.claimBackoff}": expected seconds like 1,4,16.`,
      );
    }
    const claim = `--claim-backoff ${flags.claimBackoff}`;
    verdicts.push(checkBackoffClaim(claim, sleeps, fit.samples, fit.grouping.batches));
  }
  if (flags.claimRetryWindow !== undefined) {
    const windowMs = parseDuration(flags.claimRetryWindow);
    if (windowMs === null) {
      throw new AuditRaceError(
        'USAGE',
        `--claim-retry-window "${flags.claimRetryWindow}": expected a duration like 21s.`,
      );
    }
    const claim = `--claim-retry-window ${flags.claimRetryWindow}`;
    verdicts.push(checkRetryWindowClaim(claim, windowMs, fit.grouping.batches));
  }
  return verdicts;
}

function scenarioLine(fit: LogFit, s: Scenario): string {
  const outage = s.dataStorage.outages[0]!;
  const from = new Date(Date.parse(s.startUtc) + outage.fromMs).toISOString();
  const backoff = s.store.backoff ? ` and backoff ${JSON.stringify(s.store.backoff)}` : '';
  return (
    `Scenario built from the fit: store ${s.profile} with ${fit.attemptsPerBatch.value} ` +
    `attempts per batch${backoff}, DataStorage ${outage.mode} from ${from}, ` +
    `processes ${s.processes.map((p) => p.id).join(', ')} (one per writer, process 1 always); ` +
    `teardown ${describePlan(s.teardown ?? [])}.`
  );
}

/** Runs the command; returns the exit code. */
export function fitCommand(file: string, flags: FitFlags, out: (text: string) => void): number {
  if (flags.saveScenario !== undefined) checkOutputFile('--save-scenario', flags.saveScenario);
  const fit = fitLog(readLog(file), file);
  const verdicts = claimLines(fit, flags);
  const slug = basename(file)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  const fitted = fitScenario(fit, `fit-${slug || 'log'}`);
  const prediction = predict(fit, fitted);

  out(`${inferenceLines(fit, file).join('\n')}\n\n`);
  out(`${scenarioLine(fit, fitted.scenario)}\n`);
  if (flags.saveScenario !== undefined) {
    const text = `${JSON.stringify(fitted.scenario, null, 2)}\n`;
    writeOutputFile('--save-scenario', flags.saveScenario, text);
    out(`Wrote it to ${flags.saveScenario}: npx audit-race validate ${flags.saveScenario}\n`);
  }
  const agree = prediction.rows.filter((r) => r.agrees).length;
  out(`Predicted vs observed failed writes (${agree} of ${prediction.rows.length} agree):\n`);
  out(`${comparisonLines(prediction.rows).join('\n')}\n`);
  if (fit.rules[0]?.fits && fit.rules[0].rule === 'exponential-jitter') {
    out(
      '  (The replay draws every jitter at the low end of its band, so attempts after the first\n' +
        '  may land up to a tenth of each sleep earlier than in the log.)\n',
    );
  }

  if (verdicts.length > 0) out('\nClaims:\n');
  for (const v of verdicts) {
    const word =
      v.supported === true ? 'SUPPORTED' : v.supported === false ? 'NOT SUPPORTED' : 'CANNOT TELL';
    out(`  ${v.claim}: ${word} by the log\n${v.reasons.map((r) => `    - ${r}\n`).join('')}`);
  }
  return verdicts.some((v) => v.supported === false) ? 1 : 0;
}
