// The sleep after a failed attempt, written from the store spec rather than taken from the core,
// so that a wrong schedule in either shows up as a disagreement.
import type { Backoff } from '../model/knobs.ts';

/**
 * Milliseconds the reference store sleeps after failed attempt `attempt` (1-based).
 * @param choose a choice among n options: the jitter of an exponential backoff
 */
export function pauseAfterAttemptMs(
  rule: Backoff,
  attempt: number,
  choose: (n: number) => number,
): number {
  if (rule.kind === 'squared') return attempt ** 2 * 1_000;
  if (rule.kind === 'constant') return rule.ms;
  if (rule.kind === 'list') return rule.ms[Math.min(attempt, rule.ms.length) - 1] ?? 0;

  // 2^(k-1) s with +/-10 % jitter, clamped (kubernaut-2026-07-01): a whole number of ms drawn
  // uniformly from [nominal - spread, nominal + spread].
  const nominalMs = Math.min(rule.baseMs * rule.factor ** (attempt - 1), rule.capMs);
  const spreadMs = Math.round(nominalMs * rule.jitter);
  const drawnMs = nominalMs - spreadMs + choose(2 * spreadMs + 1);
  return Math.min(Math.max(drawnMs, rule.minMs), rule.capMs);
}
