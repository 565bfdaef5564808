// kubernaut's BufferedAuditStore, step by step as the model spec describes it, for every profile:
// StoreAudit, Flush and Close as the callers see them. The background writer and the write with
// retries live in writer.ts. Every atomic access and channel operation is its own yield, so the
// scheduler can put a Close between a closed-flag check and a send.
import { Channel } from '../sim/channel.ts';
import {
  STEP,
  close,
  recvCase,
  select,
  sendCase,
  trySendOp,
  wait,
  type Go,
  type SelectResult,
} from '../sim/ops.ts';
import type { Runtime } from '../sim/runtime.ts';
import { AtomicInt, Context, WaitGroup, newTimer } from '../sim/sync.ts';
import type { DataStorage } from './datastorage.ts';
import type { CallRecord, History, LogLevel } from './history.ts';
import type { StoreKnobs } from './knobs.ts';
import { Logger, STORE_LOGGER } from './logger.ts';
import { mark } from './marks.ts';
import { backgroundWriter } from './writer.ts';

/** A flush request as the writer receives it: the writer answers on `reply` (capacity 1). */
export interface FlushRequest {
  readonly reply: Channel<string | null>;
}

export class BufferedAuditStore {
  /** Events, and flush requests too for stores with `flushOnEventChannel`. */
  readonly buffer: Channel<number | FlushRequest>;
  readonly flushRequests: Channel<FlushRequest>;
  /** Closed by Close for stores whose stop signal is a done channel. */
  readonly stop: Channel<never>;
  readonly closed = new AtomicInt(0);
  readonly writerDone: WaitGroup;
  /** The store-scoped context of the profiles that have one. */
  readonly context: Context | null;
  readonly logger: Logger;
  /** Lifetime counters, as the Go store keeps them. */
  drops = 0;
  failedBatches = 0;
  batchSeq = 0;
  /** What the writer and callers are doing right now, for the coverage marks. */
  readonly activity = {
    batch: [] as readonly number[],
    attemptInFlight: false,
    sleepingBetweenAttempts: false,
    flushesInFlight: 0,
    auditsBetweenCheckAndSend: 0,
  };

  constructor(
    readonly rt: Runtime,
    readonly process: number,
    readonly knobs: StoreKnobs,
    readonly dataStorage: DataStorage,
    readonly history: History,
  ) {
    const name = `p${process}.store`;
    this.buffer = new Channel<number | FlushRequest>(`${name}.buffer`, knobs.bufferSize);
    this.flushRequests = new Channel<FlushRequest>(`${name}.flush`, 1);
    this.stop = new Channel<never>(`${name}.done`, 0);
    this.writerDone = new WaitGroup(rt);
    this.context = knobs.storeContext === 'none' ? null : new Context(rt, `${name}.ctx`, null);
    this.logger = new Logger(history, () => rt.nowMs, process, STORE_LOGGER);
  }

  /** Starts the background writer goroutine (NewBufferedStore does this). */
  start(): void {
    this.writerDone.add(1);
    const record = { process: this.process, startedMs: this.rt.nowMs, exitedMs: null };
    this.history.writers.push(record);
    this.rt.go(`p${this.process}.audit-writer`, this.process, backgroundWriter(this, record));
  }

  /** StoreAudit(event): returns the error text, or null for Go's nil. */
  *storeAudit(eventId: number): Go<string | null> {
    const call = this.begin('storeAudit', null, eventId);
    const { closedCheck, closedCheckRejects, lockedEnqueue } = this.knobs;

    if (closedCheck || lockedEnqueue) {
      yield STEP;
      if (this.closed.value === 1) {
        this.drops++;
        return this.end(call, closedCheckRejects ? 'audit store is closed' : null);
      }
    }

    // Under the lock the send follows the check in the same step; without it, it is a step of
    // its own, and a Close may come between the two.
    let sent: boolean;
    if (lockedEnqueue) {
      sent = this.rt.offer(this.buffer as Channel<unknown>, eventId);
    } else {
      const between = closedCheck ? 1 : 0;
      this.activity.auditsBetweenCheckAndSend += between;
      sent = (yield trySendOp(this.buffer, eventId)) as boolean;
      this.activity.auditsBetweenCheckAndSend -= between;
    }
    if (!sent) {
      this.drops++;
      return this.end(call, 'audit buffer full');
    }
    return this.end(call, null);
  }

  /** Flush(ctx): asks the writer to write its batch and waits for the reply or ctx. */
  *flush(ctx: Context, timeoutMs: number | null): Go<string | null> {
    const call = this.begin('flush', timeoutMs, null);
    const knobs = this.knobs;
    this.activity.flushesInFlight++;

    if (knobs.flushClosedCheck) {
      yield STEP;
      if (this.closed.value === 1) return this.end(call, 'audit store is closed');
    }

    const request: FlushRequest = { reply: new Channel(`p${this.process}.flush.reply`, 1) };
    const target = knobs.flushOnEventChannel ? this.buffer : this.flushRequests;
    const deadline = knobs.flushHonoursDeadline ? [recvCase(ctx.done)] : [];
    const sent = (yield select([sendCase(target, request), ...deadline])) as SelectResult;
    if (sent.index === 1) return this.end(call, 'flush cancelled');

    const replied = (yield select([recvCase(request.reply), ...deadline])) as SelectResult;
    if (replied.index === 1) return this.end(call, 'flush timeout');
    return this.end(call, replied.value as string | null);
  }

  /** Close(): tells the writer to stop and waits for it, at most closeTimeoutMs. */
  *close(errorIgnored: boolean): Go<string | null> {
    const knobs = this.knobs;
    const call = this.begin('close', knobs.closeTimeoutMs, null);
    call.errorIgnored = errorIgnored;

    yield STEP;
    const wasOpen = this.closed.compareAndSwap(0, 1);
    if (wasOpen) this.markCloseSituations();
    if (!wasOpen && knobs.idempotentClose) return this.end(call, null);
    this.logger.log('INFO', 'Closing audit store, flushing remaining events');

    if (knobs.storeContext === 'cancel-before-close') yield* this.cancelContext();
    if (knobs.stopSignal === 'none') {
      this.logger.log('INFO', 'Audit store closed');
      return this.end(call, null);
    }
    const signal = knobs.stopSignal === 'close-channel' ? this.buffer : this.stop;
    if (knobs.lockedEnqueue && wasOpen) this.rt.closeChannel(signal as Channel<unknown>);
    else yield close(signal);

    const writerFinished = new Channel<never>(`p${this.process}.close.done`, 0);
    this.rt.go(`p${this.process}.close-waiter`, this.process, waitThenClose(this, writerFinished));
    const cases = [recvCase(writerFinished)];
    const timeout =
      knobs.closeTimeoutMs !== null && knobs.closeHonoursTimeout
        ? newTimer(this.rt, `p${this.process}.close.timeout`, knobs.closeTimeoutMs)
        : null;
    if (timeout !== null) cases.push(recvCase(timeout.ch));
    const first = (yield select(cases)) as SelectResult;
    if (timeout !== null) timeout.timer.cancelled = true;
    if (knobs.storeContext === 'cancel-after-writer') yield* this.cancelContext();

    if (first.index === 1) {
      this.logger.log(this.failureLevel(), 'Timeout waiting for audit store to close');
      return this.end(call, 'timeout waiting for audit store to close');
    }
    if (knobs.closeReportsLoss && this.drops > 0) {
      return this.end(call, `closed with ${this.drops} dropped events`);
    }
    if (knobs.closeReportsLoss && this.failedBatches > 0) {
      return this.end(call, `closed with ${this.failedBatches} failed batches`);
    }
    this.logger.log('INFO', 'Audit store closed');
    return this.end(call, null);
  }

  private markCloseSituations(): void {
    const { attemptInFlight, sleepingBetweenAttempts, flushesInFlight } = this.activity;
    if (attemptInFlight) mark(this.history, 'close-during-write');
    if (sleepingBetweenAttempts) mark(this.history, 'close-during-retry-sleep');
    if (flushesInFlight > 0 || this.flushRequests.length > 0) {
      mark(this.history, 'flush-and-close-together');
    }
    if (this.activity.auditsBetweenCheckAndSend > 0) {
      mark(this.history, 'audit-between-check-and-send');
    }
  }

  /** The level of a failure's log line: ERROR, or the store's choice once Close began. */
  failureLevel(): LogLevel {
    return this.closed.value === 1 ? this.knobs.failureLogLevelAfterClose : 'ERROR';
  }

  /** Events accepted but not yet written: queued in the channel or in the writer's batch. */
  unwrittenEvents(): number {
    return this.buffer.length + this.activity.batch.length;
  }

  private *cancelContext(): Go {
    yield STEP;
    this.context?.cancel();
  }

  private begin(kind: CallRecord['call'], timeoutMs: number | null, eventId: number | null) {
    const call: CallRecord = {
      id: this.history.calls.length,
      process: this.process,
      call: kind,
      startMs: this.rt.nowMs,
      endMs: null,
      outcome: 'unknown',
      error: null,
      timeoutMs,
      eventId,
      errorIgnored: false,
    };
    this.history.calls.push(call);
    return call;
  }

  private end(call: CallRecord, error: string | null): string | null {
    if (call.call === 'flush') this.activity.flushesInFlight--;
    call.endMs = this.rt.nowMs;
    call.outcome = error === null ? 'ok' : 'failed';
    call.error = error;
    return error;
  }
}

/** The goroutine Close starts: `wg.Wait(); close(done)`. */
function* waitThenClose(store: BufferedAuditStore, done: Channel<never>): Go {
  yield wait(store.writerDone);
  yield close(done);
}
