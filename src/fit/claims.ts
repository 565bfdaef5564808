// Checking what a triage note says about the retries against the log itself: a claimed list of
// sleeps between attempts (`1,4,16` seconds) or a claimed retry window (`21s`). A claim is
// supported only when every delay the log shows meets it and the number of sleeps agrees.
import type { ObservedBatch } from './batches.ts';
import { attemptDurationMs, SLACK_MS, type DelaySample } from './backoff.ts';

export interface ClaimVerdict {
  /** The claim as the user wrote it. */
  readonly claim: string;
  /** true: the log supports it; false: the log contradicts it; null: the log cannot tell. */
  readonly supported: boolean | null;
  readonly reasons: readonly string[];
}

const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const tenths = (ms: number) => Math.round(Math.max(ms, 0) / 100) / 10;
const range = (lo: number, hi: number) =>
  hi - lo < 200 ? s((lo + hi) / 2) : `${tenths(lo)}-${tenths(hi)} s`;

/** Parses `1,4,16` (seconds) into ms; null when it is not a list of numbers. */
export function parseBackoffClaim(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim().replace(/\s*s$/, ''));
  if (parts.length === 0 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  return parts.map((p) => Math.round(Number(p) * 1_000));
}

/** Parses `21s`, `21 s`, `500ms`, `1m` or a bare number of seconds into ms; null if invalid. */
export function parseDuration(text: string): number | null {
  const match = /^\s*~?\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (match === null) return null;
  const unit = { ms: 1, s: 1_000, m: 60_000 }[match[2] ?? 's'] ?? 1_000;
  return Math.round(Number(match[1]) * unit);
}

/** Attempts in each complete batch, when they all agree. */
function attemptsPerCompleteBatch(batches: readonly ObservedBatch[]): number | null {
  const counts = new Set(batches.filter((b) => b.complete).map((b) => b.attempts.length));
  return counts.size === 1 ? [...counts][0]! : null;
}

export function checkBackoffClaim(
  claim: string,
  sleepsMs: readonly number[],
  samples: readonly DelaySample[],
  batches: readonly ObservedBatch[],
): ClaimVerdict {
  const reasons: string[] = [];
  const agreed = new Set<number>();
  let contradicted = false;
  for (const sample of samples) {
    const claimed = sleepsMs[sample.attempt - 1];
    const seen = `after attempt ${sample.attempt} the log shows ${range(sample.loMs, sample.hiMs)}`;
    if (claimed === undefined) {
      contradicted = true;
      reasons.push(`${seen}, but the claim names no sleep after attempt ${sample.attempt}`);
    } else if (claimed < sample.loMs || claimed > sample.hiMs) {
      contradicted = true;
      reasons.push(`${seen}, not the claimed ${s(claimed)}`);
    } else if (!agreed.has(sample.attempt)) {
      agreed.add(sample.attempt);
      reasons.push(`${seen}: the claimed ${s(claimed)} fits`);
    }
  }
  const attempts = attemptsPerCompleteBatch(batches);
  if (attempts !== null && sleepsMs.length > attempts - 1) {
    contradicted = true;
    const extra = sleepsMs
      .slice(attempts - 1)
      .map(s)
      .join(', ');
    reasons.push(
      `every complete batch ends after ${attempts} attempts (${attempts - 1} sleeps): ` +
        `the claimed ${extra} never happens`,
    );
  }
  if (!contradicted && attempts === null) {
    reasons.push('no complete batch shows how many sleeps there are');
  }
  const supported = contradicted ? false : attempts === null ? null : true;
  return { claim, supported, reasons };
}

export function checkRetryWindowClaim(
  claim: string,
  windowMs: number,
  batches: readonly ObservedBatch[],
): ClaimVerdict {
  const complete = batches.filter((b) => b.complete && b.attempts.length > 1);
  const spans = (complete.length > 0 ? complete : batches).map((b) => {
    const [first, last] = [b.attempts[0]!, b.attempts.at(-1)!];
    const gap = last.record.atUtcMs - first.record.atUtcMs - attemptDurationMs(first.error);
    const lo = gap - first.record.resolutionMs + 1 - SLACK_MS;
    const hi = gap + last.record.resolutionMs - 1 + SLACK_MS + attemptDurationMs(last.error);
    return [lo, hi, b.attempts.length] as const;
  });
  if (spans.length === 0) {
    return { claim, supported: null, reasons: ['the log has no failed batch to measure'] };
  }
  // "~21 s": a tenth either way still counts as the claimed window.
  const [claimLo, claimHi] = [windowMs * 0.9, windowMs * 1.1];
  const misses = spans.filter(([lo, hi]) => claimHi < lo || claimLo > hi);
  const [lo, hi, attempts] = spans[0]!;
  const shown = `from attempt 1 to attempt ${attempts} the log shows ${range(lo, hi)}`;
  if (complete.length === 0) {
    const longer = spans.some(([low]) => claimHi < low);
    const reason = `${shown}, and no batch is known to be complete`;
    return { claim, supported: longer ? false : null, reasons: [reason] };
  }
  const supported = misses.length === 0;
  const verdict = supported ? 'as claimed' : `not the claimed ${s(windowMs)}`;
  return { claim, supported, reasons: [`${shown} in each complete batch, ${verdict}`] };
}
