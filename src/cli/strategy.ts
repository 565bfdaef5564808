// The exploration strategy the command-line flags name, for validate and for replay's
// --seed/--path route (which must rebuild the same arbitrary validate explored).
import { RANDOM, type Strategy } from '../explore/arbitrary.ts';

/** The exploration strategy the flags ask for (PCT's step count is estimated per fix later). */
export function strategyOf(flags: {
  readonly strategy: 'random' | 'pct' | 'exhaustive';
  readonly depth?: number | undefined;
}): Strategy {
  if (flags.strategy === 'pct') return { kind: 'pct', depth: flags.depth ?? 3, steps: 0 };
  if (flags.strategy === 'exhaustive') return { kind: 'exhaustive', preemptions: flags.depth ?? 2 };
  return RANDOM;
}
