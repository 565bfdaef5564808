// Pins the two decision sources: a tape read as `value mod options` with 0 after its end, and a
// seeded generator that repeats itself for the same seed. Choices with one option consume nothing.
import { describe, expect, it } from 'vitest';

import { SeededDecisions, TapeDecisions } from '../../src/sim/decisions.ts';

function draw(source: { choose(options: number): number }, options: readonly number[]): number[] {
  return options.map((n) => source.choose(n));
}

describe('TapeDecisions', () => {
  it('reads each choice as the tape value mod the number of options', () => {
    const tape = new TapeDecisions([5, 7, 2, 9]);

    expect(draw(tape, [3, 4, 2, 10])).toEqual([2, 3, 0, 9]);
    expect(tape.taken).toBe(4);
  });

  it('chooses 0 once the tape has run out, and keeps counting decisions', () => {
    const tape = new TapeDecisions([1]);

    expect(draw(tape, [2, 2, 5, 7])).toEqual([1, 0, 0, 0]);
    expect(tape.taken).toBe(4);
  });

  it('consumes nothing for a choice with a single option', () => {
    const tape = new TapeDecisions([3, 1]);

    expect(draw(tape, [1, 4, 1, 1, 2])).toEqual([0, 3, 0, 0, 1]);
    expect(tape.taken).toBe(2);
  });
});

describe('SeededDecisions', () => {
  const options = Array.from({ length: 200 }, (_, i) => 2 + (i % 9));

  it('gives the same sequence for the same seed', () => {
    expect(draw(new SeededDecisions(42), options)).toEqual(draw(new SeededDecisions(42), options));
  });

  it('gives another sequence for another seed', () => {
    expect(draw(new SeededDecisions(42), options)).not.toEqual(
      draw(new SeededDecisions(43), options),
    );
  });

  it('stays within [0, options) and uses every option', () => {
    const values = draw(new SeededDecisions(7), Array(500).fill(5));

    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 5)).toBe(true);
    expect(new Set(values)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('consumes nothing for a choice with a single option', () => {
    const seeded = new SeededDecisions(42);
    const plain = new SeededDecisions(42);

    expect(draw(seeded, [1, 6, 1, 6])).toEqual([0, ...draw(plain, [6]), 0, ...draw(plain, [6])]);
    expect(seeded.taken).toBe(2);
  });
});
