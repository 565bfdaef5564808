// What the benchmark's modules share: the seed, the sampled strategies compared, CPU time and
// the median.
import { RANDOM, type Strategy } from '../src/explore/arbitrary.ts';

export const SEED = 20260104;

export const STRATEGIES: readonly { readonly label: string; readonly strategy: Strategy }[] = [
  { label: 'random', strategy: RANDOM },
  { label: 'pct d=2', strategy: { kind: 'pct', depth: 2, steps: 0 } },
  { label: 'pct d=3', strategy: { kind: 'pct', depth: 3, steps: 0 } },
];

/** CPU seconds (user + system) that `work` took. */
export function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
