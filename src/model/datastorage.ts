// DataStorage as the audit store's HTTP client meets it: one instance per suite, shared by all
// processes. Its availability is read when a request arrives; a stop refuses new connections and
// resets the ones in flight. It records every attempt and every persisted event in the History.
import { Channel } from '../sim/channel.ts';
import { recvCase, select, type Go, type SelectCase } from '../sim/ops.ts';
import type { Runtime } from '../sim/runtime.ts';
import { DEADLINE_EXCEEDED, newTimer, type Context } from '../sim/sync.ts';
import type { Timer } from '../sim/timer-heap.ts';
import { NIL_EVENT, type AttemptResult, type History, type WriteAttempt } from './history.ts';

export type Availability =
  'up' | 'refuse' | 'status-5xx' | 'status-4xx' | 'status-401' | 'status-403' | 'hung';

/** A window in which DataStorage misbehaves; `toMs` null lasts to the end of the run. */
export interface Outage {
  readonly fromMs: number;
  readonly toMs: number | null;
  readonly mode: Exclude<Availability, 'up'>;
}

export interface DataStorageConfig {
  readonly host: string;
  readonly port: number;
  /** Time from a request's arrival to its answer while DataStorage is up. */
  readonly latencyMs: number;
  /** How long DataStorage keeps serving after a stop begins (0: `podman stop --time=0`). */
  readonly stopGraceMs: number;
  readonly outages: readonly Outage[];
}

interface Exchange {
  readonly reply: Channel<AttemptResult>;
  timer: Timer | null;
}

export class DataStorage {
  /** When DataStorage starts refusing because of a stop; null while it was never stopped. */
  private refuseFromMs: number | null = null;
  private readonly inFlight = new Set<Exchange>();

  constructor(
    private readonly rt: Runtime,
    readonly config: DataStorageConfig,
    private readonly history: History,
  ) {}

  get url(): string {
    return `http://${this.config.host}:${this.config.port}/api/v1/audit/events/batch`;
  }

  availabilityAt(atMs: number): Availability {
    if (this.refuseFromMs !== null && atMs >= this.refuseFromMs) return 'refuse';
    for (const outage of this.config.outages) {
      if (atMs >= outage.fromMs && (outage.toMs === null || atMs < outage.toMs)) return outage.mode;
    }
    return 'up';
  }

  /**
   * Begins a stop. Returns false when DataStorage was already stopped (a second, idempotent
   * stop of containers that no longer exist).
   */
  stop(): boolean {
    if (this.history.backendStoppedAtMs !== null) return false;
    this.history.backendStoppedAtMs = this.rt.nowMs;
    const refuseFromMs = this.rt.nowMs + this.config.stopGraceMs;
    this.refuseFromMs = refuseFromMs;
    this.rt.at(refuseFromMs, () => this.resetInFlight());
    return true;
  }

  /**
   * One POST of a batch, from the client's side: waits for the answer, the client timeout or
   * the attempt context, whichever comes first. The caller yields before calling.
   */
  *post(
    record: Omit<WriteAttempt, 'startMs' | 'endMs' | 'result'>,
    clientTimeoutMs: number,
    ctx: Context | null,
  ): Go<AttemptResult> {
    // Go's transport gives up before dialling when the request's context is already done.
    if (ctx !== null && ctx.err !== null) return 'cancelled';
    const attempt: WriteAttempt = {
      process: record.process,
      batchId: record.batchId,
      attempt: record.attempt,
      eventIds: record.eventIds,
      startMs: this.rt.nowMs,
      endMs: null,
      result: 'in-flight',
    };
    this.history.attempts.push(attempt);
    const reply = new Channel<AttemptResult>('http.reply', 1);
    this.arrive(reply, attempt.eventIds);

    const clientTimeout = newTimer(this.rt, 'http.client-timeout', clientTimeoutMs);
    const cases: SelectCase[] = [recvCase(reply), recvCase(clientTimeout.ch)];
    if (ctx !== null) cases.push(recvCase(ctx.done));
    const answer = (yield select(cases)) as { index: number; value: unknown };
    clientTimeout.timer.cancelled = true;
    attempt.endMs = this.rt.nowMs;
    if (answer.index === 0) attempt.result = answer.value as AttemptResult;
    else if (answer.index === 1) attempt.result = 'timeout';
    else attempt.result = ctx?.err === DEADLINE_EXCEEDED ? 'deadline' : 'cancelled';
    return attempt.result;
  }

  private arrive(reply: Channel<AttemptResult>, eventIds: readonly number[]): void {
    const mode = this.availabilityAt(this.rt.nowMs);
    if (mode === 'refuse') {
      this.rt.offer(reply as Channel<unknown>, 'refused');
      return;
    }
    const exchange: Exchange = { reply, timer: null };
    this.inFlight.add(exchange);
    if (mode === 'hung') return;
    exchange.timer = this.rt.at(this.rt.nowMs + this.config.latencyMs, () => {
      this.inFlight.delete(exchange);
      if (mode === 'up')
        for (const id of eventIds) if (id !== NIL_EVENT) this.history.persisted.add(id);
      this.rt.offer(reply as Channel<unknown>, mode === 'up' ? 'ok' : mode);
    });
  }

  private resetInFlight(): void {
    for (const exchange of this.inFlight) {
      if (exchange.timer !== null) exchange.timer.cancelled = true;
      this.rt.offer(exchange.reply as Channel<unknown>, 'reset');
    }
    this.inFlight.clear();
  }
}

/** The error text Go's client and kubernaut's DataStorage client give for a failed attempt. */
export function attemptErrorText(result: AttemptResult, url: string, hostPort: string): string {
  switch (result) {
    case 'refused':
      return `network error: Post "${url}": dial tcp ${hostPort}: connect: connection refused`;
    case 'reset':
      return (
        `network error: Post "${url}": read tcp 127.0.0.1:0->${hostPort}: ` +
        'read: connection reset by peer'
      );
    case 'timeout':
      return (
        `network error: Post "${url}": context deadline exceeded ` +
        '(Client.Timeout exceeded while awaiting headers)'
      );
    case 'cancelled':
      return `network error: Post "${url}": context canceled`;
    case 'deadline':
      return `network error: Post "${url}": context deadline exceeded`;
    case 'status-5xx':
      return 'server error: DataStorage returned 500 Internal Server Error';
    case 'status-4xx':
      return 'client error: DataStorage returned 400 Bad Request';
    case 'status-401':
      return 'client error: DataStorage returned 401 Unauthorized';
    case 'status-403':
      return 'client error: DataStorage returned 403 Forbidden';
    case 'ok':
    case 'in-flight':
      return '';
  }
}

/** Whether the store retries after this result. */
export function retryable(result: AttemptResult, retryAuthErrors: boolean): boolean {
  if (result === 'status-4xx') return false;
  if (result === 'status-401' || result === 'status-403') return retryAuthErrors;
  return true;
}
