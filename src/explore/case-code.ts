// A counterexample's variation as one short string for the command line (`--case`), so the replay
// command a user pastes back needs nothing but the scenario file.
import { AuditRaceError } from '../sim/errors.ts';
import type { Variation } from '../scenario/resolve.ts';

export function encodeCase(variation: Variation): string {
  return Buffer.from(JSON.stringify(variation), 'utf8').toString('base64url');
}

export function decodeCase(code: string): Variation {
  try {
    const value = JSON.parse(Buffer.from(code, 'base64url').toString('utf8')) as Variation;
    if (!Array.isArray(value.tape) || !Array.isArray(value.specEndShiftMs))
      throw new Error('shape');
    return value;
  } catch (error) {
    throw new AuditRaceError(
      'REPLAY_INVALID',
      '--case: not a case printed by `audit-race validate`. Copy the whole replay command.',
      { cause: error },
    );
  }
}
