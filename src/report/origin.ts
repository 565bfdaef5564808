// Where a counterexample came from, in words a person can paste back: fast-check's seed and path,
// or the origin the exploration itself recorded for runs that no fast-check run found.
import type { Counterexample } from '../explore/validate.ts';

export function originOf(c: Counterexample): string {
  if ('origin' in c && typeof c.origin === 'string') return c.origin;
  const fastCheck = c.fastCheck as { seed: number; path: string } | null;
  return fastCheck === null ? '' : `fast-check seed ${fastCheck.seed} path ${fastCheck.path}`;
}
