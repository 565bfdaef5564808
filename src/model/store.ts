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
  wait,
  type Go,
  type SelectResult,
} from '../sim/ops.ts';
import type { Runtime } from '../sim/runtime.ts';
import { AtomicInt, Context, WaitGroup, after } from '../sim/sync.ts';
import type { DataStorage } from './datastorage.ts';
import type { CallRecord, History } from './history.ts';
import type { StoreKnobs } from './knobs.ts';
import { Logger, STORE_LOGGER } from './logger.ts';
import { backgroundWriter } from './writer.ts';

/** A flush request as the writer receives it: the writer answers on `reply` (capacity 1). */
export interface FlushRequest {
  readonly reply: Channel<string | null>;
}

export class BufferedAuditStore {
  readonly buffer: Channel<number>;
  readonly flushRequests: Channel<FlushRequest>;
  readonly closed = new AtomicInt(0);
  readonly writerDone: WaitGroup;
  /** The store-scoped context of the profiles that have one. */
  readonly context: Context | null;
  readonly logger: Logger;
  /** Lifetime counters, as the Go store keeps them. */
  drops = 0;
  failedBatches = 0;
  batchSeq = 0;

  constructor(
    readonly rt: Runtime,
    readonly process: number,
    readonly knobs: StoreKnobs,
    readonly dataStorage: DataStorage,
    readonly history: History,
  ) {
    const name = `p${process}.store`;
    this.buffer = new Channel<number>(`${name}.buffer`, knobs.bufferSize);
    this.flushRequests = new Channel<FlushRequest>(`${name}.flush`, 1);
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

    if (this.knobs.closedCheck) {
      yield STEP;
      if (this.closed.value === 1) {
        this.drops++;
        return this.end(call, null);
      }
    }

    const sent = (yield select([sendCase(this.buffer, eventId)], true)) as SelectResult;
    if (sent.index === -1) {
      this.drops++;
      return this.end(call, 'audit buffer full');
    }
    return this.end(call, null);
  }

  /** Flush(ctx): asks the writer to write its batch and waits for the reply or ctx. */
  *flush(ctx: Context, timeoutMs: number | null): Go<string | null> {
    const call = this.begin('flush', timeoutMs, null);

    yield STEP;
    if (this.closed.value === 1) return this.end(call, 'audit store is closed');

    const request: FlushRequest = { reply: new Channel(`p${this.process}.flush.reply`, 1) };
    const sent = (yield select([
      sendCase(this.flushRequests, request),
      recvCase(ctx.done),
    ])) as SelectResult;
    if (sent.index === 1) return this.end(call, 'flush cancelled');

    const replied = (yield select([recvCase(request.reply), recvCase(ctx.done)])) as SelectResult;
    if (replied.index === 1) return this.end(call, 'flush timeout');
    return this.end(call, replied.value as string | null);
  }

  /** Close(): closes the channel and waits for the writer, at most closeTimeoutMs. */
  *close(errorIgnored: boolean): Go<string | null> {
    const call = this.begin('close', this.knobs.closeTimeoutMs, null);
    call.errorIgnored = errorIgnored;

    yield STEP;
    if (!this.closed.compareAndSwap(0, 1)) return this.end(call, null);
    this.logger.log('INFO', 'Closing audit store, flushing remaining events');

    if (this.knobs.storeContext === 'cancel-before-close') yield* this.cancelContext();
    yield close(this.buffer);

    const writerFinished = new Channel<never>(`p${this.process}.close.done`, 0);
    this.rt.go(`p${this.process}.close-waiter`, this.process, waitThenClose(this, writerFinished));
    const timeout = after(this.rt, `p${this.process}.close.timeout`, this.knobs.closeTimeoutMs);
    const first = (yield select([recvCase(writerFinished), recvCase(timeout)])) as SelectResult;
    if (this.knobs.storeContext === 'cancel-after-writer') yield* this.cancelContext();

    if (first.index === 1) {
      this.logger.log('ERROR', 'Timeout waiting for audit store to close');
      return this.end(call, 'timeout waiting for audit store to close');
    }
    if (this.drops > 0) return this.end(call, `closed with ${this.drops} dropped events`);
    if (this.failedBatches > 0) {
      return this.end(call, `closed with ${this.failedBatches} failed batches`);
    }
    this.logger.log('INFO', 'Audit store closed');
    return this.end(call, null);
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
