// Single-process scenarios for the conformance property: one process of any kubernaut profile,
// with event bursts before and after its spec end, DataStorage outages of every mode, a stop with
// or without grace, and a teardown plan drawn from every step a single process can take. Each is
// a scenario file's JSON, so a disagreement can be saved and replayed with the CLI.
import fc from 'fast-check';
import { PROFILE_NAMES } from '../src/model/profiles.ts';
import type { ScenarioInput } from '../src/scenario/schema.ts';

type Step = NonNullable<ScenarioInput['teardown']>[number];

// Ties. Two things at the same virtual ms in different goroutines may happen in either order in
// Go, and the core's schedule and the reference's promise chains can break such a tie
// differently; that is a scheduling choice, not a disagreement about the store. So the scenarios
// keep the independent sources of time apart: the store's ticks fall on its creation time plus
// multiples of 10 ms, bursts 7 ms and spec ends 5 ms past such a multiple, and durations are
// multiples of 10 ms. Every plan ends with a short sleep (Ginkgo's report), so that a process
// never exits at the very instant its Close readied the writer (a Close that times out cancels
// the store context, and the writer wakes from its backoff): the core ends the process in the
// same step, the reference lets the writer finish first. Both are legitimate Go schedules.
//
// For the same reason a buffer holds at least one burst: while a burst is being stored, the
// writer may be writing at the same instant (a refused attempt takes 0 ms), and how many of the
// burst's StoreAudit calls fall between the writer's steps is again the schedule's choice (the
// core interleaves step by step, the reference lets the writer run until it blocks).
const MAX_BURST = 5;
const EVENT_PHASE_MS = 7;
const SPEC_END_PHASE_MS = 5;

const outage = fc.record({
  fromMs: fc.integer({ min: 0, max: 20_000 }),
  lengthMs: fc.option(fc.integer({ min: 200, max: 15_000 }), { nil: null, freq: 4 }),
  mode: fc.constantFrom(
    'refuse',
    'status-5xx',
    'status-4xx',
    'status-401',
    'status-403',
    'hung',
  ) as fc.Arbitrary<'refuse' | 'status-5xx' | 'status-4xx' | 'status-401' | 'status-403' | 'hung'>,
});

/** Knob overrides on top of the profile: small batches and buffers, fewer attempts, fix C. */
const storeOverrides = fc.record(
  {
    batchSize: fc.integer({ min: 1, max: 4 }),
    bufferSize: fc.integer({ min: MAX_BURST + 1, max: 12 }),
    flushIntervalMs: fc.constantFrom(100, 250, 1_000),
    maxAttempts: fc.integer({ min: 0, max: 4 }),
    // 40 s outlasts the 30 s attempt context of the profiles that have one: 'deadline'.
    clientTimeoutMs: fc.constantFrom(2_000, 5_000, 40_000),
    closeTimeoutMs: fc.constantFrom(4_000, 30_000, null),
    failFastWhenClosed: fc.boolean(),
    // Knobs of other stores that the reference store also implements.
    closedCheckRejects: fc.boolean(),
    flushClosedCheck: fc.boolean(),
    flushHonoursDeadline: fc.boolean(),
    flushReplies: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A multiple of 10 ms in [minMs, maxMs]. */
const tens = (minMs: number, maxMs: number) =>
  fc.integer({ min: minMs / 10, max: maxMs / 10 }).map((n) => n * 10);

const burst = fc.record({
  offsetMs: tens(0, 28_000),
  count: fc.integer({ min: 1, max: MAX_BURST }),
});

/** A plan of distinct steps in any order; `flush` and `sleep` carry their durations. */
const teardown: fc.Arbitrary<Step[]> = fc
  .record({
    flushTimeoutMs: tens(200, 12_000),
    sleepMs: tens(0, 3_000),
    ifStore: fc.boolean(),
    kinds: fc.shuffledSubarray(
      [
        'flush',
        'close',
        'cancelManager',
        'stopEnv',
        'stopDataStorage',
        'sleep',
        'ignoreCloseError',
      ] as const,
      { minLength: 1 },
    ),
  })
  .map(({ flushTimeoutMs, sleepMs, ifStore, kinds }) =>
    kinds.map((kind): Step => {
      const guarded = ifStore ? { ifStore } : {};
      if (kind === 'flush') return { step: 'flush', timeoutMs: flushTimeoutMs, ...guarded };
      if (kind === 'close') return { step: 'close', ...guarded };
      if (kind === 'sleep') return { step: 'sleep', ms: sleepMs };
      return { step: kind };
    }),
  );

export const singleProcessScenario: fc.Arbitrary<ScenarioInput> = fc
  .record({
    profile: fc.constantFrom(...PROFILE_NAMES),
    store: storeOverrides,
    latencyMs: fc.integer({ min: 1, max: 60 }),
    stopGraceMs: fc.constantFrom(0, 0, 1_500, 5_000),
    outages: fc.array(outage, { maxLength: 2 }),
    storeCreatedMs: tens(0, 1_000),
    specEndOffsetMs: tens(500, 25_000),
    // A process whose store reference was never set: Flush and Close on it panic (nil).
    ownsStore: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, fc.constant(false)),
    events: fc.array(burst, { minLength: 1, maxLength: 6 }),
    managerDrainMs: tens(0, 2_000),
    stopEnvMs: tens(0, 2_500),
    stopDataStorageMs: tens(0, 500),
    exitAfterMs: tens(10, 200),
    teardown,
  })
  .map((g): ScenarioInput => ({
    name: 'conformance',
    profile: g.profile,
    store: g.store,
    dataStorage: {
      latencyMs: g.latencyMs,
      stopGraceMs: g.stopGraceMs,
      outages: g.outages.map((o) => ({
        fromMs: o.fromMs,
        toMs: o.lengthMs === null ? null : o.fromMs + o.lengthMs,
        mode: o.mode,
      })),
    },
    processes: [
      {
        id: 1,
        ownsStore: g.ownsStore,
        storeCreatedMs: g.storeCreatedMs,
        specEndMs: g.storeCreatedMs + SPEC_END_PHASE_MS + g.specEndOffsetMs,
        events: g.events
          .map((b) => ({ atMs: g.storeCreatedMs + EVENT_PHASE_MS + b.offsetMs, count: b.count }))
          .sort((a, b) => a.atMs - b.atMs),
      },
    ],
    timings: {
      managerDrainMs: g.managerDrainMs,
      stopEnvMs: g.stopEnvMs,
      stopDataStorageMs: g.stopDataStorageMs,
    },
    teardown: [...g.teardown, { step: 'sleep', ms: g.exitAfterMs }],
    budgets: { maxSteps: 200_000, maxVirtualMs: 300_000 },
  }));
