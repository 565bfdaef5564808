// A reference run on real sockets and in real time: the reference suite's stores post through
// an undici Pool to the node:http stand-in of real-datastorage.ts, one store per suite process,
// all on a clock where a scenario ms lasts `timeScale` real ms. The stand-in is stopped when the
// teardown says, so a late write meets a real ECONNREFUSED. The run is bounded by a hard cap in
// real time and closes the server and the pool on every way out.
import { Pool } from 'undici';
import { emptyHistory, type History } from '../model/history.ts';
import type { RunSpec } from '../model/suite.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { HEALTH_PATH, RealDataStorage, type ReceivedBatch } from './real-datastorage.ts';
import { ScaledRealClock, type RealTime } from './real-clock.ts';
import { checkReferenceKnobs } from './reference-store.ts';
import { ReferenceSuite, type ReferenceEnd } from './reference-suite.ts';

export interface RealRunOptions {
  /** Real ms per scenario ms (0.05: 20 scenario seconds take one real second). */
  readonly timeScale: number;
  /** The run is stopped after this many real ms, whatever the scenario still has to do. */
  readonly hardCapMs: number;
  /** Aborting it (an interrupt) stops the run; the server is closed all the same. */
  readonly signal?: AbortSignal;
  /** The real clock and timers (the CLI's wallclock); library code reads no real time. */
  readonly realTime: RealTime;
}

export interface RealRun {
  /** What the reference stores did, in scenario ms on the scaled clock. */
  readonly history: History;
  readonly end: ReferenceEnd;
  /** Every batch that reached the stand-in. */
  readonly received: readonly ReceivedBatch[];
  readonly port: number;
  /** Problems of the stand-in itself (a port it could not listen on again). */
  readonly problems: readonly string[];
}

/** Runs `spec` against a real DataStorage stand-in; resolves once the server is closed. */
export async function runReferenceReal(spec: RunSpec, options: RealRunOptions): Promise<RealRun> {
  checkReferenceKnobs(spec.store);
  if (!(options.timeScale > 0)) {
    throw new AuditRaceError('USAGE', `The time scale must be above 0, got ${options.timeScale}.`);
  }
  const clock = new ScaledRealClock(options.realTime, options.timeScale);
  const history = emptyHistory(spec.startUtcMs);
  const server = await RealDataStorage.start(clock, spec.dataStorage, history.persisted);
  const pool = new Pool(server.origin, { connections: 2 * spec.processes.length });
  const dataStorage = { origin: server.origin, dispatcher: pool, stop: () => server.stop() };
  // A burst's StoreAudit calls follow each other at once: a turn of the event loop between them
  // would let a real timer (a tick) fall inside the burst, which at the scenario's time cannot.
  const world = { clock, dataStorage, choose: () => 0, yieldTurn: () => Promise.resolve() };
  const suite = new ReferenceSuite(spec, world, history);
  let cap: unknown = null;
  const onAbort = () => suite.stop({ kind: 'stopped', reason: 'interrupted' });

  try {
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted === true) onAbort();
    const capMs = options.hardCapMs / options.timeScale;
    cap = clock.setTimeout(() => {
      suite.stop({ kind: 'stopped', reason: `hard cap of ${options.hardCapMs} real ms` });
    }, capMs);
    await warmUp(pool);
    clock.restart();
    server.begin();
    suite.start();
    const end = await suite.ended;
    if (end.kind === 'failed') throw end.error;
    return { history, end, received: server.batches, port: server.port, problems: server.problems };
  } finally {
    suite.stop({ kind: 'stopped', reason: 'cleanup' });
    options.signal?.removeEventListener('abort', onAbort);
    clock.clearTimeout(cap);
    await pool.destroy();
    await server.close();
  }
}

/**
 * A few requests before the clock starts, so that the first write of the scenario does not pay
 * for opening a connection and compiling undici's request path: that cost would show as a late
 * first attempt and shift every ticker started after it.
 */
async function warmUp(pool: Pool): Promise<void> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    const response = await pool.request({ path: HEALTH_PATH, method: 'GET' });
    await response.body.text();
  }
}

const WARM_UP_REQUESTS = 20;
