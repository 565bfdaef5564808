// The sleep after a failed attempt, per backoff rule. Jitter is drawn from the run's decisions,
// so a jittered schedule replays exactly.
import type { Backoff } from './knobs.ts';

/**
 * Milliseconds to sleep after failed attempt `attempt` (1-based).
 * @param choose a choice among n options from the run's decision source
 */
export function backoffMs(rule: Backoff, attempt: number, choose: (n: number) => number): number {
  switch (rule.kind) {
    case 'squared':
      return attempt * attempt * 1_000;
    case 'constant':
      return rule.ms;
    case 'list':
      return rule.ms[Math.min(attempt, rule.ms.length) - 1] ?? 0;
    case 'exponential': {
      const nominal = Math.min(rule.baseMs * rule.factor ** (attempt - 1), rule.capMs);
      const spread = Math.round(nominal * rule.jitter);
      const jittered = nominal - spread + choose(2 * spread + 1);
      return Math.min(Math.max(jittered, rule.minMs), rule.capMs);
    }
  }
}
