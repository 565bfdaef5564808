// The determinism of the runtime itself: the same goroutines and the same decisions give the same
// trace step for step, and the decisions really steer the interleaving.
import { describe, expect, it } from 'vitest';

import { Channel } from '../../src/sim/channel.ts';
import { SeededDecisions, TapeDecisions, type DecisionSource } from '../../src/sim/decisions.ts';
import {
  STEP,
  close,
  recvCase,
  select,
  send,
  sleep,
  type SelectResult,
} from '../../src/sim/ops.ts';
import { Ticker } from '../../src/sim/sync.ts';
import { harness } from './harness.ts';

/** Three producers racing into one buffered channel, a consumer selecting over it and a ticker. */
function race(decisions: DecisionSource): { trace: string[]; steps: number; taken: number } {
  const h = harness(decisions);
  const events = new Channel<string>('events', 2);
  let producing = 3;
  for (const name of ['a', 'b', 'c']) {
    h.go(`producer-${name}`, function* () {
      for (let i = 0; i < 4; i++) {
        yield STEP;
        yield send(events, `${name}${i}`);
        h.note(`sent ${name}${i}`);
        if (i === 1) yield sleep(10);
      }
      if (--producing === 0) yield close(events);
    });
  }
  h.go('consumer', function* () {
    const ticker = new Ticker(h.rt, 'ticker', 5);
    for (;;) {
      const got = (yield select([recvCase(events), recvCase(ticker.ch)])) as SelectResult;
      if (got.index === 0 && !got.ok) break;
      h.note(got.index === 0 ? `got ${String(got.value)}` : 'tick');
    }
    ticker.stop();
  });

  h.rt.run();
  return { trace: h.trace, steps: h.rt.steps, taken: decisions.taken };
}

describe('runtime determinism', () => {
  it('gives the same trace for the same tape, twice', () => {
    const tape = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];

    expect(race(new TapeDecisions(tape))).toEqual(race(new TapeDecisions(tape)));
  });

  it('gives the same trace for the same seed, twice', () => {
    expect(race(new SeededDecisions(2026))).toEqual(race(new SeededDecisions(2026)));
  });

  it('gives other interleavings for other seeds', () => {
    const traces = new Set(
      Array.from({ length: 10 }, (_, seed) => race(new SeededDecisions(seed)).trace.join('\n')),
    );

    expect(traces.size).toBeGreaterThan(1);
  });
});
