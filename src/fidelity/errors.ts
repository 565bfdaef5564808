// Go run-time failures as the reference store meets them. A panic ends the goroutine (here: the
// async function) that raised it; a livelock is a loop that can never end and that a real Go
// process would spin in forever, so the reference run stops it and reports it as such.

/** A Go panic: send on a closed channel, close of a closed channel, nil dereference. */
export class StorePanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorePanic';
  }
}

/** A loop that makes no progress and never blocks (Flush's drain on a closed channel). */
export class Livelock extends Error {
  /**
   * @param goroutine the goroutine that loops, named as the core names it (`p1.audit-writer`)
   * @param iterations how often it looped before the run gave up on it
   */
  constructor(
    readonly goroutine: string,
    readonly iterations: number,
  ) {
    super(`${goroutine} looped ${iterations} times without blocking`);
    this.name = 'Livelock';
  }
}
