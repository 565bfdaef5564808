// From inferences to a scenario the model can run: one process per failing writer, each batch a
// burst of events just before the writer's tick that sent it, DataStorage failing from the
// inferred moment on, and the store whose backoff rule fitted. Replaying it predicts the log.
import { parseScenario, type Scenario } from '../scenario/load.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { attemptDurationMs, type RuleFit } from './backoff.ts';
import type { ObservedBatch } from './batches.ts';
import type { LogFit } from './infer.ts';

/** The flush interval of every kubernaut suite store but two; the log cannot show it. */
const FLUSH_INTERVAL_MS = 1_000;
/** How long before a batch's tick its events are emitted. */
const EVENTS_LEAD_MS = 100;

export interface FitScenario {
  readonly scenario: Scenario;
  /** Writer key (as the log names it) to the scenario's process id. */
  readonly processOf: ReadonlyMap<string, number>;
}

/** The store profile and knob overrides that give the fitted backoff rule. */
function storeFor(best: RuleFit | undefined): Pick<ScenarioInput, 'profile' | 'store'> {
  switch (best?.rule) {
    case 'exponential-jitter':
      return { profile: 'kubernaut-2026-07-01', store: {} };
    case 'exponential':
      return {
        profile: 'kubernaut-2026-01-04',
        store: {
          backoff: {
            kind: 'exponential',
            baseMs: 1_000,
            factor: 2,
            capMs: 30_000,
            jitter: 0,
            minMs: 1_000,
          },
        },
      };
    case 'constant':
      return {
        profile: 'kubernaut-2026-01-04',
        store: { backoff: { kind: 'constant', ms: best.constantMs ?? 1_000 } },
      };
    default:
      return { profile: 'kubernaut-2026-01-04', store: {} };
  }
}

/** When the writer's tick sent a batch's first attempt: its log time, less what it lasted. */
function firstAttemptStartUtc(batch: ObservedBatch): number {
  const first = batch.attempts[0]!;
  return (
    first.record.atUtcMs +
    Math.floor(first.record.resolutionMs / 2) -
    attemptDurationMs(first.error)
  );
}

export function fitScenario(fit: LogFit, name: string): FitScenario {
  const { batches, writers } = fit.grouping;
  const starts = batches.map(firstAttemptStartUtc);
  const startUtcMs = Math.floor((Math.min(...starts) - 10_000) / 1_000) * 1_000;
  const lastUtcMs = Math.max(...fit.log.records.map((r) => r.atUtcMs));

  const numeric = writers.every((w) => /^\d+$/.test(w));
  const processOf = new Map(writers.map((w, i) => [w, numeric ? Number(w) : i + 1]));
  const processes = writers.map((writer) => {
    const own = batches.filter((b) => b.writer === writer);
    const ticks = own.map((b) => firstAttemptStartUtc(b) - startUtcMs);
    return {
      id: processOf.get(writer)!,
      // The ticker's phase follows the store's creation: put a tick on the first batch's attempt.
      storeCreatedMs: ticks[0]! % FLUSH_INTERVAL_MS,
      specEndMs: lastUtcMs - startUtcMs + 60_000,
      events: own.map((b, i) => ({
        atMs: Math.max(0, ticks[i]! - EVENTS_LEAD_MS),
        count: b.attempts[0]!.batchSize ?? 1,
      })),
    };
  });
  if (!processes.some((p) => p.id === 1)) {
    processes.unshift({ id: 1, storeCreatedMs: 0, specEndMs: processes[0]!.specEndMs, events: [] });
  }

  const away = fit.backendAway;
  const input: ScenarioInput = {
    name,
    description: `Built by audit-race fit from a log of ${fit.failedWrites} failed writes.`,
    startUtc: new Date(startUtcMs).toISOString(),
    ...storeFor(fit.rules.find((r) => r.fits)),
    dataStorage: {
      outages: [{ fromMs: away.atUtcMs - startUtcMs, mode: away.mode }],
    },
    processes,
    teardown: [{ step: 'close' }],
  };
  const scenario = parseScenario(input, `the scenario fitted to ${name}`);
  const store = { ...scenario.store, maxAttempts: fit.attemptsPerBatch.value };
  return { scenario: { ...scenario, store }, processOf };
}
