// A run's timeline in the shape of the CI logs (tab-separated UTC timestamp, level, logger,
// message, JSON fields), so it can be laid beside a real log. Teardown steps and panics, which a
// real log shows in Ginkgo's output rather than zap's, get lines of their own in the same shape.
import type { History, LogLine } from '../model/history.ts';
import type { Finding } from '../explore/run.ts';
import { utc } from './timestamp.ts';

interface Line {
  readonly atMs: number;
  readonly order: number;
  readonly text: string;
}

function fieldsJson(fields: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(fields).map(
    ([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  return `{${parts.join(', ')}}`;
}

function logLine(history: History, line: LogLine): string {
  const fields = { ...line.fields, process: line.process };
  const at = utc(history.startUtcMs, line.atMs);
  return [at, line.level, line.logger, line.message, fieldsJson(fields)].join('\t');
}

/** Every line of the run, ordered by time, then by the order things happened (`seq`; a
 * history without it, from the reference store, keeps steps, then logs, then panics). */
export function timelineLines(history: History): string[] {
  const lines: Line[] = [];
  let order = 0;
  for (const step of history.teardownSteps) {
    const text = [
      utc(history.startUtcMs, step.startMs),
      'INFO',
      'ginkgo',
      'AfterSuite step',
      fieldsJson({ step: step.step, process: step.process }),
    ].join('\t');
    lines.push({ atMs: step.startMs, order: step.seq ?? order++, text });
  }
  for (const log of history.logs)
    lines.push({ atMs: log.atMs, order: log.seq ?? order++, text: logLine(history, log) });
  for (const panic of history.panics) {
    const fields = fieldsJson({ goroutine: panic.goroutine, process: panic.process });
    const text = [
      utc(history.startUtcMs, panic.atMs),
      'PANIC',
      'go',
      `panic: ${panic.message}`,
      fields,
    ];
    lines.push({ atMs: panic.atMs, order: panic.seq ?? order++, text: text.join('\t') });
  }
  lines.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  return lines.map((l) => l.text);
}

/** The verdicts under a timeline: what was violated, when, or that every property held. */
export function verdictLines(history: History, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['All properties hold for this run.'];
  return findings.map(
    (f) => `VIOLATED ${f.verdict} at ${utc(history.startUtcMs, f.atMs)}: ${f.message}`,
  );
}
