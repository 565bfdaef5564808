// Pins the registry's order and the deterministic order of checkAll's violations.
import { describe, expect, it } from 'vitest';

import { checkAll, PROPERTIES, propertyById } from '../../src/check/index.ts';
import { PROPERTY_IDS } from '../../src/check/property.ts';
import { accepted, attempt, history, panicAt, writer } from './build-history.ts';

describe('the property registry', () => {
  it('lists every property once, in PROPERTY_IDS order', () => {
    expect(PROPERTIES.map((property) => property.id)).toEqual([...PROPERTY_IDS]);
  });

  it('looks a property up by its id', () => {
    for (const id of PROPERTY_IDS) expect(propertyById(id).id).toBe(id);
  });

  it('finds nothing wrong with an empty run', () => {
    expect(checkAll(history())).toEqual([]);
  });

  it('sorts violations by time, then property order, then process', () => {
    const run = history({
      endMs: 9_000,
      backendStoppedAtMs: 1_000,
      attempts: [attempt({ process: 2, startMs: 4_000 })],
      panics: [panicAt(4_000, { process: 3 }), panicAt(4_000, { process: 1 }), panicAt(2_000)],
      calls: [accepted(1, 100, 2)],
      writers: [writer(null, { process: 2 })],
    });

    const order = checkAll(run).map((v) => [v.atMs, v.property, v.process]);

    expect(order).toEqual([
      [2_000, 'no-panic', 1],
      [4_000, 'no-write-after-stop', 2],
      [4_000, 'no-panic', 1],
      [4_000, 'no-panic', 3],
      [9_000, 'no-silent-loss', 2],
      [9_000, 'writer-exits', 2],
    ]);
  });
});
