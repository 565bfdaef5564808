// From a scenario, a fix and a variation to one concrete RunSpec. A variation is the part of a run
// that exploration chooses (shifted times, late events, latencies, the decision tape); the zero
// variation is the scenario exactly as written.
import type { StoreKnobs } from '../model/knobs.ts';
import { profile } from '../model/profiles.ts';
import type { EventBurst, ProcessSpec, RunSpec } from '../model/suite.ts';
import type { TeardownStep } from '../model/teardown.ts';
import type { Fix } from './fixes.ts';
import { baselinePlan } from './fixes.ts';
import type { Scenario } from './schema.ts';

export interface LateBurst {
  /** Ms after the process's (shifted) spec end. */
  readonly afterSpecEndMs: number;
  readonly count: number;
}

export interface Variation {
  /** Per process, in scenario order: how far its spec end moves. */
  readonly specEndShiftMs: readonly number[];
  /** Per process, per burst: how far the burst moves. */
  readonly burstShiftMs: readonly (readonly number[])[];
  /** Per process: extra bursts after the spec end (reconciles still in flight). */
  readonly lateBursts: readonly (readonly LateBurst[])[];
  readonly latencyMs: number | null;
  readonly managerDrainMs: number | null;
  readonly stopEnvMs: number | null;
  /** The decision tape: choice i is tape[i] mod options, 0 past its end. With `pctDepth`, the
   * tape is PCT's parameters instead: a seed, then the depth-1 change points. */
  readonly tape: readonly number[];
  /** Set when the schedule comes from PCT of this depth rather than from the tape directly. */
  readonly pctDepth?: number;
}

export function zeroVariation(scenario: Scenario): Variation {
  return {
    specEndShiftMs: scenario.processes.map(() => 0),
    burstShiftMs: scenario.processes.map((p) => p.events.map(() => 0)),
    lateBursts: scenario.processes.map(() => []),
    latencyMs: null,
    managerDrainMs: null,
    stopEnvMs: null,
    tape: [],
  };
}

export function storeKnobs(scenario: Scenario, fix: Fix): StoreKnobs {
  return { ...profile(scenario.profile), ...scenario.store, ...fix.store };
}

export { baselinePlan } from './fixes.ts';

/** A burst of the scenario as written, repeated bursts expanded; `burstIndex` picks its shift. */
interface WrittenBurst {
  readonly atMs: number;
  readonly count: number;
  readonly burstIndex: number;
}

// Every run of a scenario expands the same repeated bursts: expand them once per scenario (parsed
// scenarios are frozen, so one never changes under its cache entry).
const writtenBursts = new WeakMap<Scenario, readonly (readonly WrittenBurst[])[]>();

function burstsAsWritten(scenario: Scenario): readonly (readonly WrittenBurst[])[] {
  let expanded = writtenBursts.get(scenario);
  if (expanded !== undefined) return expanded;
  expanded = scenario.processes.map((p) => {
    const bursts: WrittenBurst[] = [];
    p.events.forEach((burst, i) => {
      const lastMs = burst.untilMs ?? burst.atMs;
      const everyMs = burst.everyMs ?? 1;
      for (let atMs = burst.atMs; atMs <= lastMs; atMs += everyMs) {
        bursts.push({ atMs, count: burst.count, burstIndex: i });
      }
    });
    return bursts;
  });
  writtenBursts.set(scenario, expanded);
  return expanded;
}

function byTime(a: EventBurst, b: EventBurst): number {
  return a.atMs - b.atMs;
}

function resolveProcess(
  scenario: Scenario,
  v: Variation,
  index: number,
  written: readonly WrittenBurst[],
): ProcessSpec {
  const p = scenario.processes[index]!;
  const specEndMs = Math.max(0, p.specEndMs + (v.specEndShiftMs[index] ?? 0));
  const shifts = v.burstShiftMs[index] ?? [];
  const events: EventBurst[] = [];
  for (const { atMs, count, burstIndex } of written) {
    events.push({ atMs: Math.max(0, atMs + (shifts[burstIndex] ?? 0)), count });
  }
  for (const late of v.lateBursts[index] ?? []) {
    events.push({ atMs: specEndMs + late.afterSpecEndMs, count: late.count });
  }
  events.sort(byTime);
  return { id: p.id, storeCreatedMs: p.storeCreatedMs, specEndMs, ownsStore: p.ownsStore, events };
}

/** What a run takes from its scenario and fix alone, the same for every variation. */
interface RunConstants {
  readonly startUtcMs: number;
  readonly store: StoreKnobs;
  readonly plan: readonly TeardownStep[];
}

// Exploration resolves thousands of runs per scenario and fix: build their common part once.
const constantsOf = new WeakMap<Scenario, WeakMap<Fix, RunConstants>>();

function runConstants(scenario: Scenario, fix: Fix): RunConstants {
  let byFix = constantsOf.get(scenario);
  if (byFix === undefined) constantsOf.set(scenario, (byFix = new WeakMap()));
  let constants = byFix.get(fix);
  if (constants === undefined) {
    constants = {
      startUtcMs: Date.parse(scenario.startUtc),
      store: storeKnobs(scenario, fix),
      plan: fix.plan(baselinePlan(scenario)),
    };
    byFix.set(fix, constants);
  }
  return constants;
}

export function resolveRun(scenario: Scenario, fix: Fix, v: Variation): RunSpec {
  const { dataStorage, timings } = scenario;
  const { startUtcMs, store, plan } = runConstants(scenario, fix);
  return {
    startUtcMs,
    store,
    dataStorage: { ...dataStorage, latencyMs: v.latencyMs ?? dataStorage.latencyMs },
    processes: burstsAsWritten(scenario).map((written, i) =>
      resolveProcess(scenario, v, i, written),
    ),
    plan,
    managerDrainMs: v.managerDrainMs ?? timings.managerDrainMs,
    stopEnvMs: v.stopEnvMs ?? timings.stopEnvMs,
    stopDataStorageMs: timings.stopDataStorageMs,
    budgets: scenario.budgets,
  };
}
