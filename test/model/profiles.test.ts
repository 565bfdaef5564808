// Pins the profiles to the spec's table of store versions: the shared defaults, and for each
// version exactly the knobs its change is about.
import { describe, expect, it } from 'vitest';

import { AuditRaceError } from '../../src/sim/errors.ts';
import { PROFILE_NAMES, profile } from '../../src/model/profiles.ts';

describe('store profiles', () => {
  it('offers every version of the spec, oldest first', () => {
    expect(PROFILE_NAMES).toEqual([
      'kubernaut-2026-01-04',
      'kubernaut-2026-01-24',
      'kubernaut-2026-02-01',
      'kubernaut-2026-02-07',
      'kubernaut-2026-02-08',
      'kubernaut-2026-05-06',
      'kubernaut-2026-07-01',
    ]);
  });

  it('shares the defaults: buffer 10000, batch 1000, 1 s interval, 3 attempts, 5 s, 30 s', () => {
    for (const name of PROFILE_NAMES) {
      expect(profile(name)).toMatchObject({
        bufferSize: 10_000,
        batchSize: 1_000,
        flushIntervalMs: 1_000,
        maxAttempts: 3,
        clientTimeoutMs: 5_000,
        closeTimeoutMs: 30_000,
        failFastWhenClosed: false,
      });
    }
  });

  it('changes, version by version, only what the spec table says', () => {
    const rows = PROFILE_NAMES.map((name) => {
      const k = profile(name);
      const backoff = k.backoff.kind;
      return [name, k.flushDrains, k.closedCheck, k.storeContext, k.cancellableSleep, backoff];
    });

    expect(rows).toEqual([
      ['kubernaut-2026-01-04', false, false, 'none', false, 'squared'],
      ['kubernaut-2026-01-24', true, false, 'none', false, 'squared'],
      ['kubernaut-2026-02-01', true, true, 'none', false, 'squared'],
      ['kubernaut-2026-02-07', true, true, 'cancel-before-close', true, 'squared'],
      ['kubernaut-2026-02-08', true, true, 'cancel-after-writer', true, 'squared'],
      ['kubernaut-2026-05-06', true, true, 'cancel-after-writer', true, 'squared'],
      ['kubernaut-2026-07-01', true, true, 'cancel-after-writer', true, 'exponential'],
    ]);
  });

  it('gives attempts a 30 s child context from 2026-02-07 and retries 401 from 2026-05-06', () => {
    expect(PROFILE_NAMES.map((name) => profile(name).attemptTimeoutMs)).toEqual([
      null,
      null,
      null,
      30_000,
      30_000,
      30_000,
      30_000,
    ]);
    expect(PROFILE_NAMES.map((name) => profile(name).retryAuthErrors)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('backs off 1 s x2 up to 30 s with 10 % jitter, clamped to [1 s, 30 s], at the head', () => {
    expect(profile('kubernaut-2026-07-01').backoff).toEqual({
      kind: 'exponential',
      baseMs: 1_000,
      factor: 2,
      capMs: 30_000,
      jitter: 0.1,
      minMs: 1_000,
    });
  });

  it('names the known profiles when asked for an unknown one', () => {
    expect(() => profile('kubernaut-2099-01-01')).toThrow(AuditRaceError);
    expect(() => profile('kubernaut-2099-01-01')).toThrow(/Expected one of: kubernaut-2026-01-04/);
  });
});
