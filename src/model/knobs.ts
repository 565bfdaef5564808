// The knobs of a buffered audit store. Every store version, every fix and every public case is a
// set of values for these knobs; the store model (store.ts) reads nothing else.

export type Backoff =
  /** Sleep k squared seconds after failed attempt k (1 s, 4 s, ...). */
  | { readonly kind: 'squared' }
  /** baseMs * factor^(k-1), capped, with +/- jitter (a fraction), clamped to [minMs, capMs]. */
  | {
      readonly kind: 'exponential';
      readonly baseMs: number;
      readonly factor: number;
      readonly capMs: number;
      readonly jitter: number;
      readonly minMs: number;
    }
  | { readonly kind: 'constant'; readonly ms: number }
  /** Explicit sleeps: the k-th entry after failed attempt k (the last one repeats). */
  | { readonly kind: 'list'; readonly ms: readonly number[] };

/** When Close cancels the store-scoped context, if the store has one. */
export type StoreContext = 'none' | 'cancel-before-close' | 'cancel-after-writer';

export interface StoreKnobs {
  /** Capacity of the event channel. */
  readonly bufferSize: number;
  /** The writer writes as soon as the batch holds this many events. */
  readonly batchSize: number;
  /** Period of the writer's ticker. */
  readonly flushIntervalMs: number;
  /** Total attempts per batch (kubernaut's MaxRetries); 0 discards batches without a trace. */
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  /** Whether a backoff sleep ends early when the store context is cancelled. */
  readonly cancellableSleep: boolean;
  /** The HTTP client's timeout for one attempt. */
  readonly clientTimeoutMs: number;
  /** A per-attempt child context of the store context; null when attempts have none. */
  readonly attemptTimeoutMs: number | null;
  /** How long Close waits for the writer before it gives up; null waits forever. */
  readonly closeTimeoutMs: number | null;
  /** Whether a flush request first moves every queued event into the batch. */
  readonly flushDrains: boolean;
  readonly storeContext: StoreContext;
  /** Whether StoreAudit loads the closed flag (and drops silently) before it sends. */
  readonly closedCheck: boolean;
  /** Once the store is closed, a batch gets one attempt and no retries (fail fast at shutdown). */
  readonly failFastWhenClosed: boolean;
  /** Whether 401 and 403 answers are retried like 5xx (they are not retried before 2026-05). */
  readonly retryAuthErrors: boolean;

  // Knobs for stores other than kubernaut's, so that each class of shutdown bug in the public
  // cases is one setting away. kubernaut's profiles keep the first value named in each comment.

  /** How Close tells the writer to stop: 'close-channel' (close the event channel, so senders
   * racing Close panic) or 'done-channel' (close a separate channel; events stay accepted). */
  readonly stopSignal: StopSignal;
  /** With a done channel: true writes what is queued and batched before exiting; false exits at
   * once and drops it. */
  readonly drainOnStop: boolean;
  /** true: a second Close returns at once (compare-and-swap); false: it closes again and panics. */
  readonly idempotentClose: boolean;
  /** false: the closed check drops silently (returns nil); true: StoreAudit returns an error. */
  readonly closedCheckRejects: boolean;
  /** false: check and send are separate steps; true: they and Close's check-and-close hold one
   * lock, so no StoreAudit can fall between them. */
  readonly lockedEnqueue: boolean;
  /** true: Flush returns "audit store is closed" first when closed. */
  readonly flushClosedCheck: boolean;
  /** false: flush requests have their own channel; true: they travel on the event channel (a
   * Flush after Close then sends on a closed channel). */
  readonly flushOnEventChannel: boolean;
  /** true: Flush gives up at its context deadline; false: it waits for the writer's reply. */
  readonly flushHonoursDeadline: boolean;
  /** true: the writer answers flush requests; false: the answer never comes. */
  readonly flushReplies: boolean;
  /** false: Flush and Close return after the write; true: premature acknowledgement, they return
   * once the writer took the batch, before the write. */
  readonly ackBeforeWrite: boolean;
  /** true: Close gives up after closeTimeoutMs; false: it states a timeout but waits anyway. */
  readonly closeHonoursTimeout: boolean;
  /** true: Close returns an error for dropped events or failed batches; false: nil regardless. */
  readonly closeReportsLoss: boolean;
  /** 'ERROR': failures log at ERROR level; 'WARN': once Close began, a failed attempt, a dropped
   * batch and Close's own timeout log warnings (shutdown-time failures treated as expected). */
  readonly failureLogLevelAfterClose: 'ERROR' | 'WARN';
}

/** How Close stops the writer: close the event channel (Go's idiom), close a separate done
 * channel, or 'none': set the closed flag only, leaving the writer running (no shutdown gate). */
export type StopSignal = 'close-channel' | 'done-channel' | 'none';
