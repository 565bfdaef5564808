// Which coverage marks a store and teardown cannot reach: a zero there must not be read as a gap
// in the exploration, and a reachable mark must never be declared unreachable.
import { describe, expect, it } from 'vitest';
import { unreachableMarks } from '../../src/model/marks.ts';
import { profile } from '../../src/model/profiles.ts';
import type { TeardownStep } from '../../src/model/teardown.ts';

const SEED_TEARDOWN: TeardownStep[] = [
  { step: 'close' },
  { step: 'cancelManager' },
  { step: 'stopEnv' },
  { step: 'stopDataStorage' },
];

describe('unreachableMarks', () => {
  it('rules out the check-to-send gap without a closed check, flush marks without Flush', () => {
    expect(unreachableMarks(profile('kubernaut-2026-01-04'), SEED_TEARDOWN)).toEqual([
      'flush-and-close-together',
      'audit-between-check-and-send',
    ]);
  });

  it('keeps every mark reachable with the closed check and a teardown that flushes', () => {
    const plan: TeardownStep[] = [{ step: 'flush', timeoutMs: 10_000 }, ...SEED_TEARDOWN];
    expect(unreachableMarks(profile('kubernaut-2026-02-01'), plan)).toEqual([]);
  });

  it('looks into parallel branches for the steps it needs', () => {
    const plan: TeardownStep[] = [
      { step: 'parallel', branches: [[{ step: 'flush', timeoutMs: 100 }], [{ step: 'close' }]] },
      { step: 'stopDataStorage' },
    ];
    expect(unreachableMarks(profile('kubernaut-2026-02-01'), plan)).toEqual([]);
  });

  it('rules out close marks without a Close, and retry sleeps with one attempt', () => {
    const knobs = { ...profile('kubernaut-2026-02-01'), maxAttempts: 1 };
    const plan: TeardownStep[] = [{ step: 'cancelManager' }, { step: 'stopDataStorage' }];
    expect(unreachableMarks(knobs, plan)).toEqual([
      'close-during-write',
      'close-during-retry-sleep',
      'flush-and-close-together',
      'tick-and-close-ready',
    ]);
  });
});
