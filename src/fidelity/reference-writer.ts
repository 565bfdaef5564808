// The reference store's background writer and its write with retries, as the store spec words
// them: a select over events, ticks and flush requests; a batch written when full, on a tick, on
// a flush and when the channel closes; attempts 1..maxAttempts with a backoff between them.
import { sleep } from './clock.ts';
import type { Context } from './context.ts';
import type { PostResult } from './datastorage-client.ts';
import { Livelock } from './errors.ts';
import { never } from './process-life.ts';
import { pauseAfterAttemptMs } from './backoff.ts';
import { retried } from './classify.ts';
import type { ReferenceStore } from './reference-store.ts';

/** How often Flush's drain loop may receive before the run calls it a livelock. */
export const DRAIN_LOOP_LIMIT = 100_000;

/** The writer goroutine: returns when the event channel is closed and its last batch written. */
export async function runWriter(store: ReferenceStore, exited: () => void): Promise<void> {
  const { knobs } = store;
  const ticker = startTicker(store);
  let batch: number[] = [];

  for (;;) {
    const received = await store.inbox.receive();
    if (!store.env.alive()) return never();
    if (received.kind === 'closed') {
      if (batch.length > 0) await writeBatchWithRetry(store, batch);
      ticker.stop();
      exited();
      return;
    }
    if (received.kind === 'event') {
      batch.push(received.eventId);
      if (batch.length < knobs.batchSize) continue;
    }
    if (received.kind === 'flush' && knobs.flushDrains) {
      const livelock = drainInto(store, batch);
      if (livelock !== null) return store.env.onLivelock(livelock);
    }

    if (batch.length > 0) {
      await writeBatchWithRetry(store, batch);
      batch = [];
    }
    if (received.kind === 'flush' && knobs.flushReplies) received.request.reply(null);
  }
}

/** A Go ticker: ticks at creation + k * interval; the inbox keeps at most one. */
function startTicker(store: ReferenceStore): { stop(): void } {
  const { clock, knobs } = store.env;
  let stopped = false;
  const schedule = (dueMs: number) => {
    clock.setTimeout(() => {
      if (stopped) return;
      store.inbox.offerTick();
      schedule(dueMs + knobs.flushIntervalMs);
    }, dueMs - clock.nowMs());
  };
  schedule(clock.nowMs() + knobs.flushIntervalMs);
  return { stop: () => (stopped = true) };
}

/**
 * Flush's drain from kubernaut-2026-01-24: "receive, or stop if nothing is ready", without
 * looking at the ok flag. On a closed channel every receive is ready (a nil event), so the loop
 * never ends; returns the Livelock then, null otherwise.
 */
function drainInto(store: ReferenceStore, batch: number[]): Livelock | null {
  for (let i = 0; i < DRAIN_LOOP_LIMIT; i++) {
    const received = store.inbox.tryReceiveEvent();
    if (received === null) return null;
    if (received.eventId !== null) batch.push(received.eventId);
  }
  return new Livelock(`p${store.env.process}.audit-writer`, DRAIN_LOOP_LIMIT);
}

/** writeBatchWithRetry: attempts 1..maxAttempts, a backoff after each failed one. */
export async function writeBatchWithRetry(store: ReferenceStore, batch: number[]): Promise<void> {
  const { knobs, env } = store;
  const batchId = ++store.batchSeq;
  const eventIds = [...batch];
  let maxAttempts = knobs.maxAttempts;
  if (knobs.failFastWhenClosed && store.closedFlag) maxAttempts = Math.min(maxAttempts, 1);
  if (maxAttempts === 0) return;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const ctx =
      knobs.attemptTimeoutMs === null || store.context === null
        ? null
        : store.context.withTimeout(knobs.attemptTimeoutMs);
    const outcome = await postOnce(
      store,
      { process: env.process, batchId, attempt, eventIds },
      ctx,
    );
    if (outcome.result === 'ok') return;

    store.log('ERROR', 'Failed to write audit batch', {
      attempt,
      batch_size: eventIds.length,
      error: outcome.errorText,
    });
    if (!retried(outcome.result, knobs.retryAuthErrors)) {
      return dropBatch(store, eventIds, 'non-retryable error');
    }
    if (attempt === maxAttempts) break;

    const pauseMs = pauseAfterAttemptMs(knobs.backoff, attempt, env.choose);
    if (!knobs.cancellableSleep || store.context === null) {
      await sleep(env.clock, pauseMs);
      continue;
    }
    if (!(await sleepUnlessDone(store, pauseMs, store.context))) {
      return dropBatch(store, eventIds, 'shutdown during retry backoff');
    }
  }
  dropBatch(store, eventIds, `max retries (${maxAttempts}) exceeded`);
}

/**
 * One attempt, recorded in the history as it goes. Go's transport returns the context's error
 * without dialling when the attempt's context has already ended: no attempt reaches DataStorage.
 */
async function postOnce(
  store: ReferenceStore,
  payload: { process: number; batchId: number; attempt: number; eventIds: readonly number[] },
  ctx: Context | null,
): Promise<PostResult> {
  const { env } = store;
  if (!env.alive()) return never();
  if (ctx !== null && ctx.err !== null) {
    const detail = ctx.err;
    const errorText = `network error: Post "${env.client.url}": ${detail}`;
    return {
      result: detail === 'context canceled' ? 'cancelled' : 'deadline',
      errorText,
      errorCode: null,
    };
  }
  const record = {
    ...payload,
    startMs: env.clock.nowMs(),
    endMs: null as number | null,
    result: 'in-flight' as PostResult['result'],
  };
  env.history.attempts.push(record);
  const outcome = await env.client.post(payload, store.knobs.clientTimeoutMs, ctx);
  ctx?.cancel(); // the attempt's `defer cancel()`
  record.endMs = env.clock.nowMs();
  record.result = outcome.result;
  return outcome;
}

/** Sleeps `ms` unless `ctx` ends first; true when the whole sleep passed. */
async function sleepUnlessDone(store: ReferenceStore, ms: number, ctx: Context): Promise<boolean> {
  if (ctx.err !== null) return false;
  const { clock } = store.env;
  let timer: unknown = null;
  const slept = new Promise<boolean>(
    (resolve) => (timer = clock.setTimeout(() => resolve(true), ms)),
  );
  const woke = await Promise.race([slept, ctx.done().then(() => false)]);
  clock.clearTimeout(timer);
  return woke;
}

function dropBatch(store: ReferenceStore, batch: readonly number[], reason: string): void {
  store.failedBatches++;
  store.log('ERROR', 'AUDIT DATA LOSS: dropping batch', { batch_size: batch.length, reason });
}
