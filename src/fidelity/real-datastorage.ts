// A DataStorage stand-in on real sockets: node:http on 127.0.0.1, on a free port. It answers
// batch POSTs after the scenario's latency, misbehaves in its outage windows (a refusing outage
// closes the listener for real and opens it again after), records every batch it receives, and
// stops for real: the listener closes and open connections are destroyed, so that every new
// connect meets ECONNREFUSED, as a DataStorage container stopped with `podman stop --time=0`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Availability, DataStorageConfig } from '../model/datastorage.ts';
import type { Clock } from './clock.ts';
import { BATCH_PATH, type BatchPayload } from './datastorage-client.ts';

export const LOOPBACK = '127.0.0.1';

/** Answers 200 at once: what a run asks before its clock starts, to warm its connections. */
export const HEALTH_PATH = '/healthz';

/** A batch as the stand-in received it. */
export interface ReceivedBatch extends BatchPayload {
  /** Scenario ms on the run's clock when the request arrived. */
  readonly atMs: number;
  /** The status it answered with; null when it never answered (hung, or stopped first). */
  status: number | null;
}

const STATUS: Readonly<Record<Exclude<Availability, 'refuse'>, number>> = {
  up: 201,
  'status-5xx': 500,
  'status-4xx': 400,
  'status-401': 401,
  'status-403': 403,
  hung: 0,
};

export class RealDataStorage {
  readonly batches: ReceivedBatch[] = [];
  /** What went wrong in the stand-in itself (not in the store): reported beside the timeline. */
  readonly problems: string[] = [];
  /** Scenario ms at which a stop took effect (the listener closed); null before. */
  stoppedAtMs: number | null = null;
  private readonly server: Server;
  private readonly timers = new Set<unknown>();
  private listening = false;
  private stopping = false;
  private portNumber = 0;

  private constructor(
    private readonly clock: Clock,
    private readonly config: DataStorageConfig,
    private readonly persisted: Set<number>,
  ) {
    this.server = createServer((request, response) => this.serve(request, response));
    this.server.keepAliveTimeout = 60_000;
  }

  /**
   * Starts the stand-in on 127.0.0.1 on a free port.
   * @param persisted where the ids of the events of every batch answered 2xx go
   */
  static async start(
    clock: Clock,
    config: DataStorageConfig,
    persisted: Set<number>,
  ): Promise<RealDataStorage> {
    const stand = new RealDataStorage(clock, config, persisted);
    await stand.listen(0);
    stand.portNumber = (stand.server.address() as AddressInfo).port;
    return stand;
  }

  /** Schedules the scenario's refusing outages, from scenario time 0 of the clock. */
  begin(): void {
    for (const outage of this.config.outages) {
      if (outage.mode !== 'refuse') continue;
      this.at(outage.fromMs, () => this.closeListener());
      if (outage.toMs !== null) this.at(outage.toMs, () => this.reopen());
    }
  }

  get port(): number {
    return this.portNumber;
  }

  get origin(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  /** Begins a stop: serves `stopGraceMs` more, then closes for good. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.at(this.clock.nowMs() + this.config.stopGraceMs, () => {
      this.stoppedAtMs = this.clock.nowMs();
      this.closeListener();
    });
  }

  /** Closes everything now; safe to call on every exit path, more than once. */
  async close(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.closeListener();
    await new Promise<void>((resolve) => closeServer(this.server, resolve));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const atMs = this.clock.nowMs();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === HEALTH_PATH) {
        response.writeHead(200).end();
        return;
      }
      if (request.method !== 'POST' || request.url !== BATCH_PATH) {
        response.writeHead(404).end();
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BatchPayload;
      const received: ReceivedBatch = { ...batch, atMs, status: null };
      this.batches.push(received);
      const mode = this.modeAt(atMs);
      if (mode === 'hung') return;
      this.at(atMs + this.config.latencyMs, () => {
        received.status = STATUS[mode];
        if (mode === 'up') for (const id of batch.eventIds) if (id >= 0) this.persisted.add(id);
        response.writeHead(STATUS[mode], { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: STATUS[mode] }));
      });
    });
  }

  /** The availability of a request that got through the listener (not a refusing one). */
  private modeAt(atMs: number): Exclude<Availability, 'refuse'> {
    for (const outage of this.config.outages) {
      const inside = atMs >= outage.fromMs && (outage.toMs === null || atMs < outage.toMs);
      if (inside && outage.mode !== 'refuse') return outage.mode;
      if (inside) return 'up';
    }
    return 'up';
  }

  private at(atMs: number, action: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, atMs - this.clock.nowMs());
    this.timers.add(timer);
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
        this.server.off('error', reject);
        this.listening = true;
        resolve();
      });
    });
  }

  /** Listens again on the same port after a refusing outage; a failure is kept, not thrown. */
  private reopen(): void {
    if (this.stopping || this.listening) return;
    this.listen(this.port).catch((error: unknown) => {
      this.problems.push(`could not listen again on port ${this.port}: ${String(error)}`);
    });
  }

  private closeListener(): void {
    if (this.listening) this.server.close();
    this.listening = false;
    this.server.closeAllConnections();
  }
}

/** Resolves once the server has no listener and no connection left. */
function closeServer(server: Server, done: () => void): void {
  if (!server.listening) return done();
  server.close(() => done());
  server.closeAllConnections();
}
