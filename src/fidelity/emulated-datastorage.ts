// DataStorage emulated for virtual-time runs: undici's MockAgent answers the batch POSTs, and an
// interceptor composed in front of it plays the network: it refuses connections while
// DataStorage is down, and resets the requests in flight when a stop takes effect. Availability
// is read when a request arrives; answers come after the latency, on the injected clock.
import { MockAgent, type Dispatcher } from 'undici';
import type { DataStorageConfig, Availability } from '../model/datastorage.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { BATCH_PATH, type BatchPayload } from './datastorage-client.ts';
import type { DataStorageHandle } from './reference-suite.ts';

const EXCHANGE_HEADER = 'x-audit-race-exchange';

/** One request DataStorage has accepted and not yet answered. */
interface Exchange {
  readonly mode: Exclude<Availability, 'refuse'>;
  controller: Dispatcher.DispatchController | null;
  timer: TimerHandle | null;
}

const STATUS: Readonly<Record<Exchange['mode'], number>> = {
  up: 201,
  'status-5xx': 500,
  'status-4xx': 400,
  'status-401': 401,
  'status-403': 403,
  hung: 200,
};

export class EmulatedDataStorage implements DataStorageHandle {
  readonly origin: string;
  readonly dispatcher: Dispatcher;
  private readonly agent = new MockAgent();
  private readonly exchanges = new Map<string, Exchange>();
  private nextExchange = 1;
  /** When a stop makes DataStorage refuse; null while it was never stopped. */
  private refuseFromMs: number | null = null;

  /**
   * @param persisted where the ids of the events of every answered batch go
   */
  constructor(
    private readonly clock: Clock,
    private readonly config: DataStorageConfig,
    private readonly persisted: Set<number>,
  ) {
    this.origin = `http://${config.host}:${config.port}`;
    this.agent.disableNetConnect();
    this.agent
      .get(this.origin)
      .intercept({ path: BATCH_PATH, method: 'POST' })
      .reply((request) => this.answer(request))
      .persist();
    this.dispatcher = this.agent.compose((dispatch) => (opts, handler) => {
      return this.arrive(dispatch, opts, handler);
    });
  }

  availabilityAt(atMs: number): Availability {
    if (this.refuseFromMs !== null && atMs >= this.refuseFromMs) return 'refuse';
    for (const outage of this.config.outages) {
      if (atMs >= outage.fromMs && (outage.toMs === null || atMs < outage.toMs)) return outage.mode;
    }
    return 'up';
  }

  stop(): void {
    if (this.refuseFromMs !== null) return;
    const graceMs = this.config.stopGraceMs;
    this.refuseFromMs = this.clock.nowMs() + graceMs;
    this.clock.setTimeout(() => this.resetInFlight(), graceMs);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** The network in front of DataStorage: a refused connect, or the request goes on. */
  private arrive(
    dispatch: Dispatcher['dispatch'],
    opts: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    const mode = this.availabilityAt(this.clock.nowMs());
    if (mode === 'refuse') {
      handler.onResponseError?.(null as never, this.socketError('ECONNREFUSED', 'connect'));
      return true;
    }
    const id = String(this.nextExchange++);
    const exchange: Exchange = { mode, controller: null, timer: null };
    this.exchanges.set(id, exchange);
    const headers = { ...(opts.headers as Record<string, string>), [EXCHANGE_HEADER]: id };
    return dispatch({ ...opts, headers }, this.track(id, exchange, handler));
  }

  /** The MockAgent's answer: its status now, its body after the latency (never when hung). */
  private answer(request: { headers?: unknown; body?: unknown }) {
    const id = (request.headers as Record<string, string>)[EXCHANGE_HEADER]!;
    const exchange = this.exchanges.get(id)!;
    const body = () =>
      new Promise<string>((resolve) => {
        if (exchange.mode === 'hung') return;
        exchange.timer = this.clock.setTimeout(() => {
          this.exchanges.delete(id);
          if (exchange.mode === 'up') this.persist(String(request.body));
          resolve(JSON.stringify({ status: STATUS[exchange.mode] }));
        }, this.config.latencyMs);
      });
    return { statusCode: STATUS[exchange.mode], data: body };
  }

  private persist(body: string): void {
    const batch = JSON.parse(body) as BatchPayload;
    for (const id of batch.eventIds) if (id >= 0) this.persisted.add(id);
  }

  /** Keeps the request's controller, so that a stop can reset it; forgets it once it ended. */
  private track(
    id: string,
    exchange: Exchange,
    handler: Dispatcher.DispatchHandler,
  ): Dispatcher.DispatchHandler {
    const forget = () => this.exchanges.delete(id);
    return {
      onRequestStart: (controller, context) => {
        exchange.controller = controller;
        handler.onRequestStart?.(controller, context);
      },
      onResponseStart: (controller, statusCode, headers, message) =>
        handler.onResponseStart?.(controller, statusCode, headers, message),
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => {
        forget();
        handler.onResponseEnd?.(controller, trailers);
      },
      onResponseError: (controller, error) => {
        forget();
        handler.onResponseError?.(controller, error);
      },
    };
  }

  /** A stop took effect: every request in flight meets a reset connection. */
  private resetInFlight(): void {
    for (const exchange of [...this.exchanges.values()]) {
      if (exchange.timer !== null) this.clock.clearTimeout(exchange.timer);
      exchange.controller?.abort(this.socketError('ECONNRESET', 'read'));
    }
    this.exchanges.clear();
  }

  /** The error Node's net module gives, for example `connect ECONNREFUSED 127.0.0.1:18097`. */
  private socketError(code: 'ECONNREFUSED' | 'ECONNRESET', syscall: string): Error {
    const { host, port } = this.config;
    const message =
      code === 'ECONNREFUSED' ? `connect ${code} ${host}:${port}` : `${syscall} ${code}`;
    return Object.assign(new Error(message), { code, syscall, address: host, port });
  }
}
