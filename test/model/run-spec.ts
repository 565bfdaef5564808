// RunSpecs for the model tests: one process with one event at 500 ms, DataStorage up with 10 ms
// latency, and a teardown that only closes the store. Each test overrides the facts it is about.
import { TapeDecisions, type DecisionSource } from '../../src/sim/decisions.ts';
import type { DataStorageConfig, Outage } from '../../src/model/datastorage.ts';
import type { CallRecord, History, WriteAttempt } from '../../src/model/history.ts';
import type { StoreKnobs } from '../../src/model/knobs.ts';
import { STORE_LOGGER } from '../../src/model/logger.ts';
import { profile } from '../../src/model/profiles.ts';
import { simulate, type ProcessSpec, type RunSpec, type SimResult } from '../../src/model/suite.ts';

export const PORT = 18_097;
export const LATENCY_MS = 10;
export const BATCH_URL = `http://127.0.0.1:${PORT}/api/v1/audit/events/batch`;

/** DataStorage on 127.0.0.1:18097, up, answering in LATENCY_MS, refusing at once when stopped. */
export function dataStorage(parts: Partial<DataStorageConfig> = {}): DataStorageConfig {
  return {
    host: '127.0.0.1',
    port: PORT,
    latencyMs: LATENCY_MS,
    stopGraceMs: 0,
    outages: [],
    ...parts,
  };
}

/** DataStorage that is in `mode` for the whole run. */
export function always(mode: Outage['mode']): DataStorageConfig {
  return dataStorage({ outages: [{ fromMs: 0, toMs: null, mode }] });
}

/** Process `id`, its store created at 0 ms, one event at 500 ms, teardown at 60 s. */
export function processSpec(id: number, parts: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    id,
    storeCreatedMs: 0,
    specEndMs: 60_000,
    ownsStore: true,
    events: [{ atMs: 500, count: 1 }],
    ...parts,
  };
}

/** A one-process run of `profileName` whose teardown closes the store. */
export function runSpec(
  profileName: string,
  parts: Partial<RunSpec> & { readonly knobs?: Partial<StoreKnobs> } = {},
): RunSpec {
  const { knobs, ...rest } = parts;
  return {
    startUtcMs: 0,
    store: { ...profile(profileName), ...knobs },
    dataStorage: dataStorage(),
    processes: [processSpec(1)],
    plan: [{ step: 'close' }],
    managerDrainMs: 0,
    stopEnvMs: 1_000,
    stopDataStorageMs: 500,
    budgets: { maxSteps: 1_000_000, maxVirtualMs: 3_600_000 },
    ...rest,
  };
}

export function run(spec: RunSpec, decisions: DecisionSource = new TapeDecisions([])): SimResult {
  return simulate(spec, decisions);
}

/** Each attempt of `process` as [startMs, endMs, result]. */
export function attemptTimeline(history: History, process = 1): [number, number | null, string][] {
  return history.attempts
    .filter((a) => a.process === process)
    .map((a: WriteAttempt) => [a.startMs, a.endMs, a.result]);
}

/** The calls of one kind, in the order they started. */
export function calls(history: History, kind: CallRecord['call'], process = 1): CallRecord[] {
  return history.calls.filter((c) => c.call === kind && c.process === process);
}

/** The only call of one kind; fails the test when there is not exactly one. */
export function only(history: History, kind: CallRecord['call'], process = 1): CallRecord {
  const found = calls(history, kind, process);
  if (found.length !== 1) throw new Error(`expected one ${kind} call, found ${found.length}`);
  return found[0]!;
}

/** The store's log lines as [atMs, level, message]. */
export function storeLog(history: History, process = 1): [number, string, string][] {
  return history.logs
    .filter((l) => l.process === process && l.logger === STORE_LOGGER)
    .map((l) => [l.atMs, l.level, l.message]);
}

/**
 * A decision source that always takes the last option: among ready select cases the last one
 * (the writer's flush request wins over queued events and ticks).
 */
export function preferLast(): DecisionSource {
  return {
    taken: 0,
    choose(options: number): number {
      if (options <= 1) return 0;
      (this as { taken: number }).taken++;
      return options - 1;
    },
  };
}
