// The versions of kubernaut's BufferedAuditStore as knob values, oldest first. Each later
// profile is the previous one with the change its name dates.
import { AuditRaceError } from '../sim/errors.ts';
import type { StoreKnobs } from './knobs.ts';

const jan04: StoreKnobs = {
  bufferSize: 10_000,
  batchSize: 1_000,
  flushIntervalMs: 1_000,
  maxAttempts: 3,
  backoff: { kind: 'squared' },
  cancellableSleep: false,
  clientTimeoutMs: 5_000,
  attemptTimeoutMs: null,
  closeTimeoutMs: 30_000,
  flushDrains: false,
  storeContext: 'none',
  closedCheck: false,
  failFastWhenClosed: false,
  retryAuthErrors: false,
  stopSignal: 'close-channel',
  drainOnStop: true,
  idempotentClose: true,
  closedCheckRejects: false,
  lockedEnqueue: false,
  flushClosedCheck: true,
  flushOnEventChannel: false,
  flushHonoursDeadline: true,
  flushReplies: true,
  ackBeforeWrite: false,
  closeHonoursTimeout: true,
  closeReportsLoss: true,
  failureLogLevelAfterClose: 'ERROR',
};

const jan24: StoreKnobs = { ...jan04, flushDrains: true };
const feb01: StoreKnobs = { ...jan24, closedCheck: true };
const feb07: StoreKnobs = {
  ...feb01,
  storeContext: 'cancel-before-close',
  attemptTimeoutMs: 30_000,
  cancellableSleep: true,
};
const feb08: StoreKnobs = { ...feb07, storeContext: 'cancel-after-writer' };
const may06: StoreKnobs = { ...feb08, retryAuthErrors: true };
const jul01: StoreKnobs = {
  ...may06,
  backoff: {
    kind: 'exponential',
    baseMs: 1_000,
    factor: 2,
    capMs: 30_000,
    jitter: 0.1,
    minMs: 1_000,
  },
};

/** Store versions by name; `kubernaut-2026-07-01` is the head of the history we model. */
export const PROFILES: Readonly<Record<string, StoreKnobs>> = {
  'kubernaut-2026-01-04': jan04,
  'kubernaut-2026-01-24': jan24,
  'kubernaut-2026-02-01': feb01,
  'kubernaut-2026-02-07': feb07,
  'kubernaut-2026-02-08': feb08,
  'kubernaut-2026-05-06': may06,
  'kubernaut-2026-07-01': jul01,
};

export const PROFILE_NAMES = Object.keys(PROFILES);

/** What each version changed, in a line, for `audit-race list`. */
export const PROFILE_SUMMARIES: Readonly<Record<string, string>> = {
  'kubernaut-2026-01-04':
    'the seed CI run: Flush writes the batch only, plain sleeps, no closed check',
  'kubernaut-2026-01-24': 'Flush first drains the event channel (ignoring ok on a closed channel)',
  'kubernaut-2026-02-01': 'StoreAudit checks the closed flag first and drops silently',
  'kubernaut-2026-02-07': 'store context; Close cancels it before closing the channel',
  'kubernaut-2026-02-08': 'Close cancels the store context only after the writer finished',
  'kubernaut-2026-05-06': '401 and 403 are retried like 5xx',
  'kubernaut-2026-07-01': 'backoff 1 s x2 up to 30 s with +/-10 % jitter (head)',
};

export function profile(name: string): StoreKnobs {
  const knobs = PROFILES[name];
  if (knobs === undefined) {
    throw new AuditRaceError(
      'USAGE',
      `Unknown store profile "${name}". Expected one of: ${PROFILE_NAMES.join(', ')}.`,
    );
  }
  return knobs;
}
