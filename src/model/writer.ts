// The store's background writer and its write with retries. One goroutine per store: it selects
// over the event channel, the ticker and flush requests, and when several are ready the pick is a
// scheduling choice, as Go's uniform random pick is.
import { STEP, recvCase, select, send, sleep, type Go, type SelectResult } from '../sim/ops.ts';
import { Ticker, newTimer } from '../sim/sync.ts';
import { backoffMs } from './backoff.ts';
import { attemptErrorText, retryable } from './datastorage.ts';
import { NIL_EVENT, type WriterRecord } from './history.ts';
import { mark } from './marks.ts';
import type { BufferedAuditStore, FlushRequest } from './store.ts';

// Case indices of the writer's select.
const EVENT = 0;
const TICK = 1;
const FLUSH = 2;
const STOP = 3;

export function* backgroundWriter(store: BufferedAuditStore, record: WriterRecord): Go {
  const knobs = store.knobs;
  const ticker = new Ticker(store.rt, `p${store.process}.writer.ticker`, knobs.flushIntervalMs);
  const cases = [recvCase(store.buffer), recvCase(ticker.ch), recvCase(store.flushRequests)];
  if (knobs.stopSignal === 'done-channel') cases.push(recvCase(store.stop));
  const waitForWork = select(cases);
  let batch: number[] = [];
  store.activity.batch = batch;

  // Flush requests may come on their own channel or, for some stores, on the event channel;
  // draining the event channel can pick up more of them, and each gets its answer.
  const requests: FlushRequest[] = [];

  for (;;) {
    const picked = (yield waitForWork) as SelectResult;
    markTickAndClose(store, picked, ticker.ch.length);
    if (requests.length > 0) requests.length = 0;
    const request = flushRequestOf(picked);
    if (request !== null) requests.push(request);

    if (picked.index === STOP || (picked.index === EVENT && !picked.ok)) {
      if (picked.index === STOP && knobs.drainOnStop) yield* drainInto(store, batch, requests);
      const writeLast = batch.length > 0 && (picked.index === EVENT || knobs.drainOnStop);
      if (knobs.ackBeforeWrite) store.writerDone.done();
      if (writeLast) yield* writeBatchWithRetry(store, batch);
      yield* answer(store, requests);
      store.activity.batch = [];
      ticker.stop();
      record.exitedMs = store.rt.nowMs;
      if (!knobs.ackBeforeWrite) store.writerDone.done();
      return;
    }

    if (picked.index === EVENT && request === null) {
      batch.push(picked.value as number);
      if (batch.length < knobs.batchSize) continue;
    } else if (request !== null && knobs.flushDrains) {
      yield* drainInto(store, batch, requests);
    }

    const answering = requests.length > 0;
    if (answering && knobs.ackBeforeWrite) yield* answer(store, requests);
    if (batch.length > 0) {
      yield* writeBatchWithRetry(store, batch);
      batch = [];
      store.activity.batch = batch;
    }
    if (answering && !knobs.ackBeforeWrite) yield* answer(store, requests);
  }
}

/** Replies nil to each flush request (in every version, also when the write gave up). */
function* answer(store: BufferedAuditStore, requests: FlushRequest[]): Go {
  if (!store.knobs.flushReplies) return;
  for (const request of requests.splice(0)) yield send(request.reply, null);
}

/** Right after a select both cases are as they were when it chose, so "both ready" is exact. */
function markTickAndClose(store: BufferedAuditStore, picked: SelectResult, ticks: number): void {
  const closedAndDrained = store.buffer.closed && store.buffer.length === 0;
  const tickPicked = picked.index === TICK && closedAndDrained;
  const closePicked = picked.index === EVENT && !picked.ok && ticks > 0;
  if (tickPicked || closePicked) mark(store.history, 'tick-and-close-ready');
}

function flushRequestOf(picked: SelectResult): FlushRequest | null {
  if (picked.index === FLUSH) return picked.value as FlushRequest;
  if (picked.index === EVENT && typeof picked.value === 'object' && picked.value !== null) {
    return picked.value as FlushRequest;
  }
  return null;
}

/**
 * Flush's drain loop from 2026-01-24: "receive, or stop if nothing is ready". It ignores the ok
 * flag, so on a closed channel every receive is ready and yields a nil event: the loop never
 * ends. The step budget reports that as a livelock.
 */
function* drainInto(store: BufferedAuditStore, batch: number[], requests: FlushRequest[]): Go {
  const receiveOrStop = select([recvCase(store.buffer)], true);
  for (;;) {
    const received = (yield receiveOrStop) as SelectResult;
    if (received.index === -1) return;
    const value = received.ok ? received.value : NIL_EVENT;
    if (typeof value === 'number') batch.push(value);
    else requests.push(value as FlushRequest);
  }
}

/** writeBatchWithRetry: attempts 1..maxAttempts, sleeping between failed attempts. */
export function* writeBatchWithRetry(store: BufferedAuditStore, batch: readonly number[]): Go {
  const knobs = store.knobs;
  const batchId = ++store.batchSeq;
  let maxAttempts = knobs.maxAttempts;
  if (knobs.failFastWhenClosed) {
    yield STEP;
    if (store.closed.value === 1) maxAttempts = Math.min(maxAttempts, 1);
  }
  if (maxAttempts === 0) return;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    yield STEP;
    const ctx =
      knobs.attemptTimeoutMs === null || store.context === null
        ? null
        : store.context.withTimeout(`p${store.process}.attempt`, knobs.attemptTimeoutMs);
    const record = { process: store.process, batchId, attempt, eventIds: batch };
    store.activity.attemptInFlight = true;
    const result = yield* store.dataStorage.post(record, knobs.clientTimeoutMs, ctx);
    store.activity.attemptInFlight = false;
    ctx?.cancel(); // defer cancel(): the attempt's deadline timer stops with the attempt
    if (result === 'ok') return;

    const { url, config } = store.dataStorage;
    store.logger.log(store.failureLevel(), 'Failed to write audit batch', {
      attempt,
      batch_size: batch.length,
      error: attemptErrorText(result, url, `${config.host}:${config.port}`),
    });
    if (!retryable(result, knobs.retryAuthErrors))
      return dropBatch(store, batch, 'non-retryable error');
    if (attempt === maxAttempts) break;

    const pauseMs = backoffMs(knobs.backoff, attempt, (n) => store.rt.choose(n));
    store.activity.sleepingBetweenAttempts = true;
    if (!knobs.cancellableSleep || store.context === null) {
      yield sleep(pauseMs);
      store.activity.sleepingBetweenAttempts = false;
      continue;
    }
    const pause = newTimer(store.rt, `p${store.process}.backoff`, pauseMs);
    const woke = (yield select([recvCase(pause.ch), recvCase(store.context.done)])) as SelectResult;
    pause.timer.cancelled = true;
    store.activity.sleepingBetweenAttempts = false;
    if (woke.index === 1) return dropBatch(store, batch, 'shutdown during retry backoff');
  }
  dropBatch(store, batch, `max retries (${maxAttempts}) exceeded`);
}

function dropBatch(store: BufferedAuditStore, batch: readonly number[], reason: string): void {
  store.failedBatches++;
  store.logger.log(store.failureLevel(), 'AUDIT DATA LOSS: dropping batch', {
    batch_size: batch.length,
    reason,
  });
}
