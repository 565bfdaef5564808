// The exploration strategy the command-line flags name, for validate and for replay's
// --seed/--path route (which must rebuild the same arbitrary validate explored).
import { RANDOM, type Strategy } from '../explore/arbitrary.ts';
import { AuditRaceError } from '../sim/errors.ts';

/**
 * The exploration strategy the flags ask for (PCT's step count is estimated per fix later). A
 * --depth with the random strategy is refused: it has none, and the flag would be ignored.
 */
export function strategyOf(flags: {
  readonly strategy: 'random' | 'pct' | 'exhaustive';
  readonly depth?: number | undefined;
}): Strategy {
  if (flags.strategy === 'pct') return { kind: 'pct', depth: flags.depth ?? 3, steps: 0 };
  if (flags.strategy === 'exhaustive') return { kind: 'exhaustive', preemptions: flags.depth ?? 2 };
  if (flags.depth !== undefined) {
    throw new AuditRaceError(
      'USAGE',
      `--depth ${flags.depth}: --strategy random (the default) has no depth; --depth applies to ` +
        '--strategy pct and, for validate, --strategy exhaustive.',
    );
  }
  return RANDOM;
}
