// A counterexample's variation as one short string for the command line (`--case`), so the replay
// command a user pastes back needs nothing but the scenario file. Positional JSON, base64url.
import { AuditRaceError } from '../sim/errors.ts';
import type { Variation } from '../scenario/resolve.ts';
import { variationSchema } from './counterexample-file.ts';

const PREFIX = 'v1.';

export function encodeCase(v: Variation): string {
  const late = v.lateBursts.map((bursts) => bursts.map((b) => [b.afterSpecEndMs, b.count]));
  const fields = [
    v.specEndShiftMs,
    v.burstShiftMs,
    late,
    v.latencyMs,
    v.managerDrainMs,
    v.stopEnvMs,
    v.tape,
    ...(v.pctDepth === undefined ? [] : [v.pctDepth]),
  ];
  return PREFIX + Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

function fromFields(fields: unknown): unknown {
  if (!Array.isArray(fields) || (fields.length !== 7 && fields.length !== 8)) return undefined;
  const [specEndShiftMs, burstShiftMs, late, latencyMs, managerDrainMs, stopEnvMs, tape, pctDepth] =
    fields;
  const lateBursts = Array.isArray(late)
    ? late.map((bursts: unknown) =>
        Array.isArray(bursts)
          ? bursts.map((b: unknown) => {
              const [afterSpecEndMs, count] = Array.isArray(b) ? b : [];
              return { afterSpecEndMs, count };
            })
          : bursts,
      )
    : late;
  const base = { specEndShiftMs, burstShiftMs, lateBursts, latencyMs, managerDrainMs, stopEnvMs };
  return pctDepth === undefined ? { ...base, tape } : { ...base, tape, pctDepth };
}

export function decodeCase(code: string): Variation {
  let value: unknown;
  if (code.startsWith(PREFIX)) {
    try {
      value = fromFields(
        JSON.parse(Buffer.from(code.slice(PREFIX.length), 'base64url').toString()),
      );
    } catch {
      value = undefined;
    }
  }
  const parsed = variationSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AuditRaceError(
    'REPLAY_INVALID',
    `--case "${code.length > 24 ? `${code.slice(0, 24)}...` : code}": not a case printed by ` +
      '`audit-race validate`; ' +
      'copy the whole replay command.',
  );
}
