// The one module that reads real time: the CLI's own timing (runs per second, progress ETA).
// Nothing in the simulation may import it; the lint rule that bans ambient time exempts only it.

export function wallNowMs(): number {
  return performance.now();
}
