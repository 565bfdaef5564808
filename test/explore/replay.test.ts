// A counterexample is only useful if what validate prints replays it exactly: by its --case code,
// by its saved file, and by fast-check's seed and path. Each route must give back the variation
// validate shrank, the same verdict and the same timeline, byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { variationArbitrary } from '../../src/explore/arbitrary.ts';
import { decodeCase } from '../../src/explore/case-code.ts';
import {
  counterexampleFile,
  parseCounterexampleFile,
} from '../../src/explore/counterexample-file.ts';
import { validate, type Counterexample } from '../../src/explore/validate.ts';
import type { Variation } from '../../src/scenario/resolve.ts';
import { replay, SEED_FIXES, SEED_SCENARIO } from './seed-scenario.ts';

const RESULT = validate(SEED_SCENARIO, SEED_FIXES, { runs: 200, seed: 1 });

const COUNTEREXAMPLES = RESULT.fixes.flatMap((f) => f.counterexamples);

const label = (c: Counterexample) => `${c.fix} / ${c.verdict}`;

/** The timeline of a counterexample replayed from the variation validate kept in memory. */
function original(c: Counterexample): string {
  return replay(SEED_SCENARIO, c.fix, c.variation).timeline;
}

/** The variation at fast-check's `path` for `seed`, as `replay --seed --path` finds it. */
function variationAtPath(seed: number, path: string): Variation | undefined {
  const property = fc.property(variationArbitrary(SEED_SCENARIO), () => false);
  const details = fc.check(property, {
    seed,
    path,
    endOnFailure: true,
    numRuns: Number.MAX_SAFE_INTEGER,
  });
  return details.counterexample?.[0] as Variation | undefined;
}

const scratch = mkdtempSync(join(tmpdir(), 'audit-race-replay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('replay of the counterexamples validate returns', () => {
  it('returns at least one counterexample for every fix that violated a property', () => {
    const failing = RESULT.fixes.filter((f) => Object.values(f.violations).some((n) => n > 0));
    for (const fix of failing) expect(fix.counterexamples.length, fix.fix).toBeGreaterThan(0);
    expect(failing.map((f) => f.fix)).toContain('baseline');
  });

  it.each(COUNTEREXAMPLES.map((c) => [label(c), c] as const))(
    '%s: the --case code decodes to the same variation, verdict and timeline',
    (_, c) => {
      const decoded = decodeCase(c.caseCode);
      const { outcome, timeline } = replay(SEED_SCENARIO, c.fix, decoded);

      expect(decoded).toEqual(c.variation);
      const finding = outcome.findings.find((f) => f.verdict === c.verdict);
      expect(finding?.message).toBe(c.message);
      expect(finding?.atMs).toBe(c.atMs);
      expect(timeline).toBe(original(c));
    },
  );

  it.each(COUNTEREXAMPLES.map((c) => [label(c), c] as const))(
    '%s: a saved counterexample file replays identically after reading it back',
    (_, c) => {
      const file = join(scratch, `${c.fix}.${c.verdict}.json`);
      writeFileSync(file, counterexampleFile(SEED_SCENARIO, c));

      const loaded = parseCounterexampleFile(JSON.parse(readFileSync(file, 'utf8')), file);
      const { outcome, timeline } = replay(loaded.scenario, loaded.fix, loaded.variation);

      expect(loaded.scenario).toEqual(SEED_SCENARIO);
      expect([loaded.fix, loaded.verdict]).toEqual([c.fix, c.verdict]);
      expect(outcome.findings.map((f) => f.verdict)).toContain(c.verdict);
      expect(timeline).toBe(original(c));
    },
  );

  it.each(COUNTEREXAMPLES.map((c) => [label(c), c] as const))(
    "%s: fast-check's seed and path lead back to the same variation",
    (_, c) => {
      expect(variationAtPath(c.fastCheck!.seed, c.fastCheck!.path)).toEqual(c.variation);
    },
  );
});
