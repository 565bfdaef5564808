// A self-contained counterexample: the scenario, the fix, the verdict and the shrunk variation in
// one JSON file that `audit-race replay FILE` runs without fast-check or the scenario file.
import { z } from 'zod';
import { parseScenario, jsonPath } from '../scenario/load.ts';
import type { Variation } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';
import { AuditRaceError } from '../sim/errors.ts';
import type { Counterexample } from './validate.ts';

export const COUNTEREXAMPLE_FORMAT = 'audit-race/counterexample';

const numbers = z.array(z.number().int());
export const variationSchema = z.strictObject({
  specEndShiftMs: numbers,
  burstShiftMs: z.array(numbers),
  lateBursts: z.array(
    z.array(
      z.strictObject({
        afterSpecEndMs: z.number().int().nonnegative(),
        count: z.number().int().positive(),
      }),
    ),
  ),
  latencyMs: z.number().int().nonnegative().nullable(),
  managerDrainMs: z.number().int().nonnegative().nullable(),
  stopEnvMs: z.number().int().nonnegative().nullable(),
  tape: z.array(z.number().int().nonnegative()),
  pctDepth: z.number().int().min(1).optional(),
});

const fileSchema = z.object({
  format: z.literal(COUNTEREXAMPLE_FORMAT),
  version: z.literal(1),
  fix: z.string(),
  verdict: z.string(),
  message: z.string(),
  variation: variationSchema,
  scenario: z.unknown(),
});

export interface LoadedCounterexample {
  readonly scenario: Scenario;
  readonly fix: string;
  readonly verdict: string;
  readonly variation: Variation;
}

export function counterexampleFile(scenario: Scenario, c: Counterexample): string {
  const { fix, verdict, message, variation } = c;
  const document = {
    format: COUNTEREXAMPLE_FORMAT,
    version: 1,
    fix,
    verdict,
    message,
    variation,
    scenario,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function isCounterexampleFile(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === COUNTEREXAMPLE_FORMAT
  );
}

/** Checks a parsed counterexample file; `source` names it in messages. */
export function parseCounterexampleFile(value: unknown, source: string): LoadedCounterexample {
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${jsonPath(i.path)}: ${i.message}`);
    throw new AuditRaceError(
      'REPLAY_INVALID',
      `Invalid counterexample ${source}:\n${problems.join('\n')}`,
    );
  }
  const scenario = parseScenario(parsed.data.scenario, `${source} (its "scenario")`);
  const { fix, verdict, variation } = parsed.data;
  return { scenario, fix, verdict, variation };
}

/** Rejects a variation printed for a scenario of another shape. */
export function checkVariationFits(scenario: Scenario, v: Variation, source: string): void {
  const bursts = scenario.processes.map((p) => p.events.length);
  const fits =
    v.specEndShiftMs.length === bursts.length &&
    v.lateBursts.length === bursts.length &&
    v.burstShiftMs.length === bursts.length &&
    v.burstShiftMs.every((shifts, i) => shifts.length === bursts[i]);
  if (fits) return;
  throw new AuditRaceError(
    'REPLAY_INVALID',
    `${source} was printed for a scenario with another shape than ${scenario.name} ` +
      `(${bursts.length} ${bursts.length === 1 ? 'process' : 'processes'} with ` +
      `${bursts.join('/')} event bursts). ` +
      'Replay it with the scenario file that validate was given.',
  );
}
