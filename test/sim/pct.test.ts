// Pins PCT as a decision source of the runtime: the highest-priority runnable goroutine always
// runs, so without change points one goroutine runs until it is done; a change point at pick k
// drops the goroutine about to run at the k-th goroutine pick below every initial priority, the
// i-th listed point to priority i; one seed and list of change points give one trace.
import { describe, expect, it } from 'vitest';

import { Channel } from '../../src/sim/channel.ts';
import { STEP, recvCase, select, send, type SelectResult } from '../../src/sim/ops.ts';
import { PctDecisions } from '../../src/sim/pct.ts';
import { harness } from './harness.ts';

const NAMES = ['a', 'b', 'c'];
/** Steps of each CPU-bound goroutine; each step notes one line. */
const STEPS = 3;
const SEEDS = [1, 2, 3, 4, 5, 6];

/**
 * Three CPU-bound goroutines that only yield STEP and note the goroutine's name at every step, so
 * trace line j is the j-th scheduling step. All three are runnable from the start, so every step
 * but the last goroutine's own is a goroutine pick: 2 * STEPS picks per run.
 */
function cpuBound(decisions: PctDecisions): string[] {
  const h = harness(decisions);
  for (const name of NAMES) {
    h.go(name, function* () {
      for (let i = 0; ; i++) {
        h.note(name);
        if (i === STEPS - 1) return;
        yield STEP;
      }
    });
  }

  h.rt.run();
  return h.trace.map((line) => line.split(' ')[1]!);
}

/** The goroutines in the order the run first gave each the CPU. */
function firstRun(trace: readonly string[]): string[] {
  return [...new Set(trace)];
}

/** A trace of consecutive stints, each `[goroutine, steps]`; stints of 0 steps are left out. */
function stints(...parts: [string, number][]): string[] {
  return parts.flatMap(([name, steps]) => Array<string>(steps).fill(name));
}

describe('PctDecisions without change points (depth 1)', () => {
  it.each(SEEDS)('runs each CPU-bound goroutine to its end before the next (seed %i)', (seed) => {
    const trace = cpuBound(new PctDecisions(seed, []));
    const [first, second, third] = firstRun(trace);

    expect(trace).toEqual(stints([first!, STEPS], [second!, STEPS], [third!, STEPS]));
  });

  it('gives other orders for other seeds', () => {
    const orders = new Set(
      SEEDS.map((seed) => firstRun(cpuBound(new PctDecisions(seed, []))).join()),
    );

    // These six seeds give four of the six orders of three goroutines (SeededDecisions is the
    // project's own generator, so the count moves only if it or PCT's use of it does). One order
    // for all would mean the seed does not reach the priorities.
    expect(orders.size).toBe(4);
  });
});

describe('PctDecisions change points', () => {
  // Per seed, the order without change points: g1 runs picks 1..STEPS, g2 the next STEPS, and g3
  // then runs alone, so its steps are no picks.
  const orders = SEEDS.map((seed) => ({
    seed,
    order: firstRun(cpuBound(new PctDecisions(seed, []))),
  }));

  it.each(orders)(
    'takes the CPU from g1 at exactly its k-th pick (seed $seed)',
    ({ seed, order }) => {
      const [g1, g2, g3] = order as [string, string, string];

      for (let k = 1; k <= STEPS; k++) {
        // g1 ran k-1 steps; dropped below both others, it waits until they are done.
        expect(cpuBound(new PctDecisions(seed, [k])), `k = ${k}`).toEqual(
          stints([g1, k - 1], [g2, STEPS], [g3, STEPS], [g1, STEPS - k + 1]),
        );
      }
    },
  );

  it.each(orders)(
    'drops g2 at pick STEPS + 1 and ignores a point after the last pick (seed $seed)',
    ({ seed, order }) => {
      const [g1, g2, g3] = order as [string, string, string];

      expect(cpuBound(new PctDecisions(seed, [STEPS + 1]))).toEqual(
        stints([g1, STEPS], [g3, STEPS], [g2, STEPS]),
      );
      expect(cpuBound(new PctDecisions(seed, [2 * STEPS + 1]))).toEqual(
        cpuBound(new PctDecisions(seed, [])),
      );
    },
  );

  it.each(orders)(
    'gives the i-th listed point priority i, below every initial one (seed $seed)',
    ({ seed, order }) => {
      const [g1, g2, g3] = order as [string, string, string];

      // Pick 1 drops g1, so g2 runs; pick 2 drops g2, so g3 runs to its end. Who runs next depends
      // only on which point is listed first: the first listed gives priority 0, the lowest.
      expect(cpuBound(new PctDecisions(seed, [1, 2]))).toEqual(
        stints([g2, 1], [g3, STEPS], [g2, STEPS - 1], [g1, STEPS]),
      );
      expect(cpuBound(new PctDecisions(seed, [2, 1]))).toEqual(
        stints([g2, 1], [g3, STEPS], [g1, STEPS], [g2, STEPS - 1]),
      );
    },
  );
});

describe('PctDecisions determinism', () => {
  /** Two senders into one channel each, a receiver selecting over both: picks and choices. */
  function senders(decisions: PctDecisions): { trace: string[]; taken: number } {
    const h = harness(decisions);
    const left = new Channel<string>('left', 1);
    const right = new Channel<string>('right', 1);
    for (const [name, ch] of [
      ['left', left],
      ['right', right],
    ] as const) {
      h.go(name, function* () {
        for (let i = 0; i < 4; i++) {
          yield STEP;
          yield send(ch, `${name}${i}`);
        }
      });
    }
    h.go('receiver', function* () {
      for (let i = 0; i < 8; i++) {
        const got = (yield select([recvCase(left), recvCase(right)])) as SelectResult;
        h.note(`got ${String(got.value)}`);
      }
    });

    h.rt.run();
    return { trace: h.trace, taken: decisions.taken };
  }

  it('gives a byte-identical trace and decision count for the same seed and change points', () => {
    for (const seed of SEEDS) {
      const first = senders(new PctDecisions(seed, [3, 7]));
      const second = senders(new PctDecisions(seed, [3, 7]));

      expect(second.trace.join('\n')).toBe(first.trace.join('\n'));
      expect(second.taken).toBe(first.taken);
    }
  });

  it('gives other traces for other seeds', () => {
    const traces = new Set(
      SEEDS.map((seed) => senders(new PctDecisions(seed, [3, 7])).trace.join('\n')),
    );

    expect(traces.size).toBeGreaterThan(1);
  });
});

describe('PctDecisions.choose', () => {
  it('takes no decision and draws nothing for a choice with one option', () => {
    const pct = new PctDecisions(42, []);
    const plain = new PctDecisions(42, []);

    expect([pct.choose(1), pct.choose(0), pct.choose(6), pct.choose(1)]).toEqual([
      0,
      0,
      plain.choose(6),
      0,
    ]);
    expect(pct.taken).toBe(1);
  });
});
