// Where every choice of a run comes from: which runnable goroutine goes next, which ready select
// case wins, how much jitter a backoff gets. Either a decision tape (replayable, shrinkable by
// fast-check) or a seeded generator; never Math.random.

export interface DecisionSource {
  /** A choice among `options` (>= 1) alternatives: an integer in [0, options). */
  choose(options: number): number;
  /**
   * Which of several runnable goroutines runs next (an index into `runnable`). Optional: a source
   * without it picks with `choose(runnable.length)`. Strategies that reason about goroutines
   * (PCT's priorities) implement it.
   */
  pickGoroutine?(runnable: readonly { readonly id: number }[]): number;
  /** How many decisions with more than one option were taken so far. */
  readonly taken: number;
}

/**
 * Reads choices from a list of naturals: choice i is `tape[i] mod options`, and 0 once the tape
 * runs out, so an empty tape is the plain first-come-first-served schedule.
 */
export class TapeDecisions implements DecisionSource {
  taken = 0;

  constructor(private readonly tape: readonly number[]) {}

  choose(options: number): number {
    if (options <= 1) return 0;
    const i = this.taken++;
    return i < this.tape.length ? this.tape[i]! % options : 0;
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same choices. */
export class SeededDecisions implements DecisionSource {
  taken = 0;
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  choose(options: number): number {
    if (options <= 1) return 0;
    this.taken++;
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * options);
  }
}

/**
 * A tape that also records how many options each decision had, so a systematic search can
 * enumerate the alternatives of a schedule it has just run.
 */
export class RecordingTape implements DecisionSource {
  taken = 0;
  /** Options of every decision taken, in order (decisions with one option are not counted). */
  readonly options: number[] = [];

  constructor(private readonly tape: readonly number[]) {}

  choose(options: number): number {
    if (options <= 1) return 0;
    const i = this.taken++;
    this.options.push(options);
    return i < this.tape.length ? this.tape[i]! % options : 0;
  }
}
