// The scenario file format, as a zod schema: what a user writes to describe their suite (processes,
// events, DataStorage, teardown) and how much exploration may vary it. Only what differs from the
// defaults needs to be written.
import { z } from 'zod';
import { VERDICT_IDS } from '../check/findings.ts';
import type { StoreKnobs } from '../model/knobs.ts';

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

const knob = <T extends z.ZodType>(schema: T, what: string) => schema.describe(what);

/** Every store knob (src/model/knobs.ts), each optional: a scenario overrides its profile's. */
export const storeOverridesSchema = z
  .strictObject({
    bufferSize: knob(z.number().int().positive(), 'capacity of the event channel'),
    batchSize: knob(
      z.number().int().positive(),
      'the writer writes once the batch holds this many',
    ),
    flushIntervalMs: knob(positiveMs, "period of the writer's ticker"),
    maxAttempts: knob(
      z.number().int().nonnegative(),
      'total attempts per batch (MaxRetries); 0 discards batches without a trace',
    ),
    backoff: knob(
      backoffSchema,
      'sleep after failed attempt k: squared, exponential, constant, list',
    ),
    cancellableSleep: knob(z.boolean(), 'a backoff sleep ends when the store context is cancelled'),
    clientTimeoutMs: knob(positiveMs, "the HTTP client's timeout for one attempt"),
    attemptTimeoutMs: knob(
      positiveMs.nullable(),
      'a per-attempt child of the store context with this timeout; null: none',
    ),
    closeTimeoutMs: knob(
      positiveMs.nullable(),
      'Close waits this long for the writer; null: forever',
    ),
    flushDrains: knob(z.boolean(), 'a flush request first moves every queued event into the batch'),
    storeContext: knob(
      z.enum(['none', 'cancel-before-close', 'cancel-after-writer']),
      'when Close cancels the store-scoped context, if the store has one',
    ),
    closedCheck: knob(z.boolean(), 'StoreAudit loads the closed flag before it sends'),
    failFastWhenClosed: knob(z.boolean(), 'once closed, a batch gets one attempt, no retries'),
    retryAuthErrors: knob(z.boolean(), '401 and 403 answers are retried like 5xx'),
    stopSignal: knob(
      z.enum(['close-channel', 'done-channel', 'none']),
      'how Close stops the writer: close the event channel, close a done channel, or nothing',
    ),
    drainOnStop: knob(z.boolean(), 'with a done channel: write what is queued before exiting'),
    idempotentClose: knob(z.boolean(), 'a second Close returns at once; false: it panics'),
    closedCheckRejects: knob(z.boolean(), 'the closed check returns an error instead of nil'),
    lockedEnqueue: knob(z.boolean(), 'closed check and send are one critical section with Close'),
    flushClosedCheck: knob(z.boolean(), 'Flush returns "audit store is closed" when closed'),
    flushOnEventChannel: knob(z.boolean(), 'flush requests travel on the event channel'),
    flushHonoursDeadline: knob(z.boolean(), "Flush gives up at its context's deadline"),
    flushReplies: knob(z.boolean(), 'the writer answers flush requests at all'),
    ackBeforeWrite: knob(z.boolean(), 'Flush and Close return before the write (premature ack)'),
    closeHonoursTimeout: knob(z.boolean(), 'Close gives up at closeTimeoutMs; false: waits on'),
    closeReportsLoss: knob(
      z.boolean(),
      'Close returns an error for dropped events or failed batches',
    ),
    failureLogLevelAfterClose: knob(
      z.enum(['ERROR', 'WARN']),
      'log level of failures once Close began',
    ),
  })
  .partial()
  .describe("overrides of the profile's store knobs, one per behaviour (src/model/knobs.ts)");

// Every knob of the model can be set from a scenario file, with the model's own type: a knob
// added to StoreKnobs and not here (or typed differently) fails to compile.
type Overrides = z.output<typeof storeOverridesSchema>;
type MissingKnobs = Exclude<keyof StoreKnobs, keyof Overrides>;
export const EVERY_KNOB_IN_SCHEMA: [MissingKnobs] extends [never] ? true : MissingKnobs = true;
export const KNOB_TYPES_MATCH: Overrides extends Partial<StoreKnobs> ? true : never = true;

const outageSchema = z
  .strictObject({
    fromMs: ms,
    toMs: ms.nullable().default(null),
    mode: z.enum(['refuse', 'status-5xx', 'status-4xx', 'status-401', 'status-403', 'hung']),
  })
  .refine((o) => o.toMs === null || o.toMs > o.fromMs, {
    message: 'expected toMs after fromMs (or null: the outage lasts to the end)',
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
