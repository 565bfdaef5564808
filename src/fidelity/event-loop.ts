// Turns of the real event loop, which the reference runs use instead of time: a goroutine that
// gives the others their turn waits for one turn (setImmediate), and the virtual-time driver
// waits until every promise chain that a timer started has run to its end, and nobody is still
// waiting for a turn, before it fires the next timer. Nothing here reads a clock.
import { setImmediate as nextTurn } from 'node:timers/promises';

export class Turns {
  private yielding = 0;

  /** Lets every other runnable chain run until it blocks; resumes one event-loop turn later. */
  async yieldTurn(): Promise<void> {
    this.yielding++;
    try {
      await nextTurn();
    } finally {
      this.yielding--;
    }
  }

  /** Resolves once the chains started so far are blocked on timers, I/O or each other. */
  async settle(): Promise<void> {
    do {
      // undici's answer path (headers, body stream, the awaiting store) ends within one turn;
      // the second is margin.
      await nextTurn();
      await nextTurn();
    } while (this.yielding > 0);
  }
}
