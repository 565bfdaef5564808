// kubernaut's BufferedAuditStore written as ordinary async TypeScript, from the store spec
// (shared/model/kubernaut-audit-store.md): StoreAudit, Flush and Close as callers see them. The
// background writer and its write with retries are in reference-writer.ts. It answers to the same
// knobs as the core's model, so one profile drives both; knobs it does not implement are refused
// as "not modelled" rather than ignored.
import type { CallRecord, History, LogLevel, WriterRecord } from '../model/history.ts';
import type { StoreKnobs } from '../model/knobs.ts';
import { STORE_LOGGER } from '../model/logger.ts';
import { profile } from '../model/profiles.ts';
import { AuditRaceError } from '../sim/errors.ts';
import type { Clock } from './clock.ts';
import { Context } from './context.ts';
import type { DataStorageClient } from './datastorage-client.ts';
import type { Livelock } from './errors.ts';
import { runWriter } from './reference-writer.ts';
import { WriterInbox } from './writer-inbox.ts';

/** What a reference store needs from its process and its run. */
export interface StoreEnv {
  readonly process: number;
  readonly knobs: StoreKnobs;
  /** The process's clock: it stops when the process exits. */
  readonly clock: Clock;
  readonly client: Pick<DataStorageClient, 'post' | 'url'>;
  readonly history: History;
  /** A choice among n options: ready select cases, backoff jitter. */
  readonly choose: (n: number) => number;
  /** Called when the writer enters a loop that can never end. */
  readonly onLivelock: (livelock: Livelock) => void;
  /** Called with an error no Go code would raise: a bug of the harness. */
  readonly onFailure: (error: unknown) => void;
  /** False once the process exited: a continuation already queued must not go on. */
  alive(): boolean;
}

/** The knobs the reference store implements; every other knob must keep kubernaut's value. */
const IMPLEMENTED = new Set<keyof StoreKnobs>([
  'bufferSize',
  'batchSize',
  'flushIntervalMs',
  'maxAttempts',
  'backoff',
  'cancellableSleep',
  'clientTimeoutMs',
  'attemptTimeoutMs',
  'closeTimeoutMs',
  'flushDrains',
  'storeContext',
  'closedCheck',
  'failFastWhenClosed',
  'retryAuthErrors',
  'closedCheckRejects',
  'flushClosedCheck',
  'flushHonoursDeadline',
  'flushReplies',
  'idempotentClose',
  // Only read with a done channel, which the reference store does not have.
  'drainOnStop',
]);

/** Throws NOT_MODELLED when `knobs` asks for behaviour the reference store does not have. */
export function checkReferenceKnobs(knobs: StoreKnobs): void {
  const kubernaut = profile('kubernaut-2026-01-04');
  for (const knob of Object.keys(knobs) as (keyof StoreKnobs)[]) {
    if (IMPLEMENTED.has(knob) || knobs[knob] === kubernaut[knob]) continue;
    throw new AuditRaceError(
      'NOT_MODELLED',
      `The reference store does not implement ${knob}=${JSON.stringify(knobs[knob])} ` +
        `(only kubernaut's ${JSON.stringify(kubernaut[knob])}); run this store through the ` +
        'core only.',
    );
  }
}

export class ReferenceStore {
  readonly inbox: WriterInbox;
  /** The closed flag Close sets with a compare-and-swap. */
  closedFlag = false;
  readonly context: Context | null;
  /** Resolves when the writer has exited (the WaitGroup). */
  readonly writerDone: Promise<void>;
  drops = 0;
  failedBatches = 0;
  batchSeq = 0;
  private writerExited!: () => void;

  constructor(readonly env: StoreEnv) {
    checkReferenceKnobs(env.knobs);
    this.inbox = new WriterInbox(env.knobs.bufferSize, env.choose);
    this.context = env.knobs.storeContext === 'none' ? null : new Context(env.clock);
    this.writerDone = new Promise((resolve) => (this.writerExited = resolve));
  }

  get knobs(): StoreKnobs {
    return this.env.knobs;
  }

  /** Starts the background writer, as NewBufferedStore does. */
  start(): void {
    const startedMs = this.env.clock.nowMs();
    const record: WriterRecord = { process: this.env.process, startedMs, exitedMs: null };
    this.env.history.writers.push(record);
    const exited = () => {
      record.exitedMs = this.env.clock.nowMs();
      this.writerExited();
    };
    runWriter(this, exited).catch(this.env.onFailure);
  }

  log(level: LogLevel, message: string, fields: Record<string, string | number> = {}): void {
    const { history, clock, process } = this.env;
    history.logs.push({
      atMs: clock.nowMs(),
      process,
      level,
      logger: STORE_LOGGER,
      message,
      fields,
    });
  }

  /** StoreAudit(event): the error text, or null for nil. Throws StorePanic on a closed channel. */
  storeAudit(eventId: number): string | null {
    const call = this.begin('storeAudit', null, eventId);
    if (this.knobs.closedCheck && this.closedFlag) {
      this.drops++;
      return this.end(call, this.knobs.closedCheckRejects ? 'audit store is closed' : null);
    }
    // A send on the closed channel throws StorePanic: the call never returns.
    if (this.inbox.offerEvent(eventId)) return this.end(call, null);
    this.drops++;
    return this.end(call, 'audit buffer full');
  }

  /** Flush(ctx): asks the writer to write its batch; waits for its reply or the deadline. */
  async flush(ctx: Context, timeoutMs: number | null): Promise<string | null> {
    const call = this.begin('flush', timeoutMs, null);
    if (this.knobs.flushClosedCheck && this.closedFlag) {
      return this.end(call, 'audit store is closed');
    }
    const deadline = this.knobs.flushHonoursDeadline ? ctx.done() : null;

    let replied!: (error: string | null) => void;
    const reply = new Promise<string | null>((resolve) => (replied = resolve));
    const send = this.inbox.sendFlush({ reply: (error) => replied(error) });
    const sent = await race(send.sent, deadline);
    if (sent === DEADLINE) {
      send.cancel();
      return this.end(call, 'flush cancelled');
    }
    const answer = await race(reply, deadline);
    if (answer === DEADLINE) return this.end(call, 'flush timeout');
    return this.end(call, answer);
  }

  /** Close(): closes the event channel and waits for the writer, at most closeTimeoutMs. */
  async close(errorIgnored: boolean): Promise<string | null> {
    const { knobs } = this;
    const call = this.begin('close', knobs.closeTimeoutMs, null);
    call.errorIgnored = errorIgnored;
    const wasOpen = !this.closedFlag;
    this.closedFlag = true;
    if (!wasOpen && knobs.idempotentClose) return this.end(call, null);
    this.log('INFO', 'Closing audit store, flushing remaining events');

    if (knobs.storeContext === 'cancel-before-close') this.context?.cancel();
    this.inbox.closeEvents();
    const timeout = this.closeTimeout();
    const finished = await race(this.writerDone, timeout?.expired ?? null);
    timeout?.cancel();
    if (knobs.storeContext === 'cancel-after-writer') this.context?.cancel();

    if (finished === DEADLINE) {
      this.log('ERROR', 'Timeout waiting for audit store to close');
      return this.end(call, 'timeout waiting for audit store to close');
    }
    if (this.drops > 0) return this.end(call, `closed with ${this.drops} dropped events`);
    if (this.failedBatches > 0) {
      return this.end(call, `closed with ${this.failedBatches} failed batches`);
    }
    this.log('INFO', 'Audit store closed');
    return this.end(call, null);
  }

  private closeTimeout(): { expired: Promise<void>; cancel: () => void } | null {
    const timeoutMs = this.knobs.closeTimeoutMs;
    if (timeoutMs === null) return null;
    const { clock } = this.env;
    let timer: unknown = null;
    const expired = new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, timeoutMs)));
    return { expired, cancel: () => clock.clearTimeout(timer) };
  }

  private begin(kind: CallRecord['call'], timeoutMs: number | null, eventId: number | null) {
    const { history, clock, process } = this.env;
    const call: CallRecord = {
      id: history.calls.length,
      process,
      call: kind,
      startMs: clock.nowMs(),
      endMs: null,
      outcome: 'unknown',
      error: null,
      timeoutMs,
      eventId,
      errorIgnored: false,
    };
    history.calls.push(call);
    return call;
  }

  private end(call: CallRecord, error: string | null): string | null {
    call.endMs = this.env.clock.nowMs();
    call.outcome = error === null ? 'ok' : 'failed';
    call.error = error;
    return error;
  }
}

const DEADLINE: unique symbol = Symbol('deadline');

/** `value`, or DEADLINE when `deadline` (if any) comes first. */
function race<T>(
  value: Promise<T>,
  deadline: Promise<unknown> | null,
): Promise<T | typeof DEADLINE> {
  if (deadline === null) return value;
  return Promise.race([value, deadline.then((): typeof DEADLINE => DEADLINE)]);
}
