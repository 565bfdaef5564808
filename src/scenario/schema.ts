// The scenario file format, as a zod schema: what a user writes to describe their suite (processes,
// events, DataStorage, teardown) and how much exploration may vary it. Only what differs from the
// defaults needs to be written.
import { z } from 'zod';
import { VERDICT_IDS } from '../check/findings.ts';

const ms = z.number().int().nonnegative();
const positiveMs = z.number().int().positive();
const range = z
  .tuple([ms, ms])
  .refine(([low, high]) => low <= high, 'expected [low, high] with low <= high');

const simpleStepSchemas = [
  z.strictObject({
    step: z.literal('flush'),
    timeoutMs: positiveMs,
    ifStore: z.boolean().optional(),
  }),
  z.strictObject({ step: z.literal('close'), ifStore: z.boolean().optional() }),
  z.strictObject({ step: z.literal('cancelManager') }),
  z.strictObject({ step: z.literal('stopEnv'), ms: ms.optional() }),
  z.strictObject({ step: z.literal('stopDataStorage') }),
  z.strictObject({ step: z.literal('sleep'), ms }),
  z.strictObject({ step: z.literal('ignoreCloseError') }),
  z.strictObject({ step: z.literal('synchronized') }),
  z.strictObject({ step: z.literal('exit') }),
] as const;

/** A step inside a `parallel` branch: anything but `synchronized` and another `parallel`. */
const branchStepSchema = z.discriminatedUnion('step', [
  ...simpleStepSchemas.filter((schema) => schema.shape.step.value !== 'synchronized'),
] as unknown as typeof simpleStepSchemas);

export const teardownStepSchema = z.discriminatedUnion('step', [
  ...simpleStepSchemas,
  z.strictObject({
    step: z.literal('parallel'),
    branches: z.array(z.array(branchStepSchema).min(1)).min(1),
  }),
]);

const backoffSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('squared') }),
  z.strictObject({
    kind: z.literal('exponential'),
    baseMs: positiveMs,
    factor: z.number().min(1),
    capMs: positiveMs,
    jitter: z.number().min(0).max(1),
    minMs: ms,
  }),
  z.strictObject({ kind: z.literal('constant'), ms }),
  z.strictObject({ kind: z.literal('list'), ms: z.array(ms).min(1) }),
]);

export const storeOverridesSchema = z
  .strictObject({
    bufferSize: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    flushIntervalMs: positiveMs,
    maxAttempts: z.number().int().nonnegative(),
    backoff: backoffSchema,
    cancellableSleep: z.boolean(),
    clientTimeoutMs: positiveMs,
    attemptTimeoutMs: positiveMs.nullable(),
    closeTimeoutMs: positiveMs.nullable(),
    flushDrains: z.boolean(),
    storeContext: z.enum(['none', 'cancel-before-close', 'cancel-after-writer']),
    closedCheck: z.boolean(),
    failFastWhenClosed: z.boolean(),
    retryAuthErrors: z.boolean(),
    stopSignal: z.enum(['close-channel', 'done-channel', 'none']),
    drainOnStop: z.boolean(),
    idempotentClose: z.boolean(),
    closedCheckRejects: z.boolean(),
    lockedEnqueue: z.boolean(),
    flushClosedCheck: z.boolean(),
    flushOnEventChannel: z.boolean(),
    flushHonoursDeadline: z.boolean(),
    flushReplies: z.boolean(),
    ackBeforeWrite: z.boolean(),
    closeHonoursTimeout: z.boolean(),
    closeReportsLoss: z.boolean(),
    failureLogLevelAfterClose: z.enum(['ERROR', 'WARN']),
  })
  .partial();

const outageSchema = z.strictObject({
  fromMs: ms,
  toMs: ms.nullable().default(null),
  mode: z.enum(['refuse', 'status-5xx', 'status-4xx', 'status-401', 'status-403', 'hung']),
});

const processSchema = z.strictObject({
  id: z.number().int().positive(),
  storeCreatedMs: ms.default(0),
  specEndMs: ms,
  ownsStore: z.boolean().default(true),
  events: z
    .array(
      z
        .strictObject({
          atMs: ms,
          count: z.number().int().positive(),
          /** Repeat the burst every `everyMs` until `untilMs` (inclusive). */
          everyMs: positiveMs.optional(),
          untilMs: ms.optional(),
        })
        .refine((b) => (b.everyMs === undefined) === (b.untilMs === undefined), {
          message: 'expected everyMs and untilMs together (a repeating burst)',
        }),
    )
    .default([]),
});

const fixSchema = z.strictObject({
  summary: z.string().default(''),
  plan: z.array(teardownStepSchema).optional(),
  store: storeOverridesSchema.default({}),
});

export const scenarioSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lowercase slug like "my-suite"')
    .describe('A lowercase slug naming the scenario in reports.'),
  description: z.string().default('').describe('One sentence on what this run is.'),
  startUtc: z.iso
    .datetime()
    .default('2026-01-01T00:00:00.000Z')
    .describe('UTC time of virtual time 0, for the timestamps of the timeline.'),
  profile: z
    .string()
    .default('kubernaut-2026-01-04')
    .describe('Store version, see `audit-race list`; `store` overrides single knobs.'),
  store: storeOverridesSchema.default({}),
  dataStorage: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(1).max(65_535).default(18_097),
      latencyMs: ms.default(10),
      stopGraceMs: ms.default(0),
      outages: z.array(outageSchema).default([]),
    })
    .prefault({}),
  processes: z
    .array(processSchema)
    .min(1)
    .describe('The parallel suite processes (Ginkgo -p); one must have id 1.'),
  timings: z
    .strictObject({
      managerDrainMs: ms.default(0),
      stopEnvMs: ms.default(1_000),
      stopDataStorageMs: ms.default(300),
    })
    .prefault({}),
  teardown: z
    .array(teardownStepSchema)
    .min(1)
    .optional()
    .describe("Each process's teardown; default: WorkflowExecution's of 2026-01-04."),
  fixes: z
    .record(z.string(), fixSchema)
    .default({})
    .describe('More fixes to validate besides the built-in baseline, A-E and A+E.'),
  variation: z
    .strictObject({
      /** Each spec end and event burst moves by up to this many ms either way. */
      timeJitterMs: ms.default(1_500),
      /** Extra bursts a process may emit after its spec end (in-flight reconciles). */
      lateEventsWithinMs: ms.default(3_000),
      latencyMs: range.optional(),
      managerDrainMs: range.optional(),
      stopEnvMs: range.optional(),
      /** Decisions the tape may hold; choices past it take the first option. */
      tapeLength: z.number().int().min(0).max(10_000).default(200),
    })
    .prefault({}),
  /** What exploration must find on this scenario: the test suite checks every file that has it. */
  expect: z
    .strictObject({
      fix: z.string().default('baseline'),
      violates: z.array(z.enum(VERDICT_IDS)).default([]),
      holds: z.array(z.enum(VERDICT_IDS)).default([]),
      runs: z.number().int().positive().default(200),
    })
    .optional(),
  budgets: z
    .strictObject({
      maxSteps: z.number().int().positive().default(200_000),
      maxVirtualMs: positiveMs.default(900_000),
    })
    .prefault({}),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
