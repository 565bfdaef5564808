// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010) as a decision source: every
// goroutine gets a random priority when it first becomes runnable, the highest-priority runnable
// goroutine always runs, and at d-1 chosen steps the running goroutine drops below all others.
// A bug of depth d (d ordering constraints) is found with probability >= 1/(n k^(d-1)).
import { SeededDecisions, type DecisionSource } from './decisions.ts';

/** Priorities at or above this are initial ones; change points assign 0 .. depth-2 below it. */
const INITIAL_PRIORITIES = 1_000_000;

export class PctDecisions implements DecisionSource {
  taken = 0;
  private readonly random: SeededDecisions;
  private readonly priority = new Map<number, number>();
  private step = 0;

  /**
   * @param seed drives initial priorities and the choices that are not goroutine picks
   * @param changePoints the goroutine-pick steps (1-based) at which the running goroutine's
   *   priority drops; the i-th listed point drops it to priority i, below every initial one
   */
  constructor(
    seed: number,
    private readonly changePoints: readonly number[],
  ) {
    this.random = new SeededDecisions(seed);
  }

  choose(options: number): number {
    if (options <= 1) return 0;
    this.taken++;
    return this.random.choose(options);
  }

  pickGoroutine(runnable: readonly { readonly id: number }[]): number {
    this.taken++;
    this.step++;
    let best = this.highest(runnable);
    const drop = this.changePoints.indexOf(this.step);
    if (drop !== -1) {
      this.priority.set(runnable[best]!.id, drop);
      best = this.highest(runnable);
    }
    return best;
  }

  private highest(runnable: readonly { readonly id: number }[]): number {
    let best = 0;
    let bestPriority = -1;
    for (let i = 0; i < runnable.length; i++) {
      const id = runnable[i]!.id;
      let p = this.priority.get(id);
      if (p === undefined) {
        p = INITIAL_PRIORITIES + this.random.choose(INITIAL_PRIORITIES);
        this.priority.set(id, p);
      }
      if (p > bestPriority) {
        best = i;
        bestPriority = p;
      }
    }
    return best;
  }
}
