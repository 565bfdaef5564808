// The integration suite around the reference stores, as ordinary async code: one async function
// per suite process (store, reconciler, spec end, teardown plan), all sharing one DataStorage and
// one clock. It records the same History as the core, so the same properties judge both.
import type { Dispatcher } from 'undici';
import type { History } from '../model/history.ts';
import type { ProcessSpec, RunSpec } from '../model/suite.ts';
import { emptyHistory } from '../model/history.ts';
import { sleep, type Clock } from './clock.ts';
import { DataStorageClient } from './datastorage-client.ts';
import { StorePanic, type Livelock } from './errors.ts';
import { ProcessLife } from './process-life.ts';
import { ReferenceStore } from './reference-store.ts';
import { ReferenceTeardown, type Manager } from './reference-teardown.ts';

/** DataStorage as the reference suite reaches it: an origin, a dispatcher and a stop. */
export interface DataStorageHandle {
  /** `http://host:port`. */
  readonly origin: string;
  readonly dispatcher: Dispatcher;
  /** Begins a stop: DataStorage serves its grace period more, then refuses. */
  stop(): void;
}

export interface SuiteWorld {
  readonly clock: Clock;
  readonly dataStorage: DataStorageHandle;
  /** A choice among n options; the virtual runs choose 0, the core's empty-tape schedule. */
  readonly choose: (n: number) => number;
  /** Lets every other goroutine run until it blocks (see event-loop.ts). */
  yieldTurn(): Promise<void>;
}

/** How a reference run ended: every process exited, a livelock, or a bug of the harness. */
export type ReferenceEnd =
  | { readonly kind: 'halted' }
  | { readonly kind: 'livelock'; readonly livelock: Livelock }
  | { readonly kind: 'stopped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: unknown };

export class ReferenceSuite {
  readonly history: History;
  readonly ended: Promise<ReferenceEnd>;
  private readonly lives = new Map<number, ProcessLife>();
  private readonly arrived = new Set<number>();
  private barrierWaiters: (() => void)[] = [];
  private nextEventId = 1;
  private finish!: (end: ReferenceEnd) => void;
  private over = false;

  /** @param history where the run is recorded; DataStorage may already write into it */
  constructor(
    readonly spec: RunSpec,
    readonly world: SuiteWorld,
    history: History = emptyHistory(spec.startUtcMs),
  ) {
    this.history = history;
    this.ended = new Promise((resolve) => (this.finish = resolve));
  }

  start(): void {
    for (const p of this.spec.processes) {
      const life = new ProcessLife(p.id, this.world.clock);
      this.lives.set(p.id, life);
      this.guard(this.processMain(p, life));
    }
  }

  /** Ends the run from outside (a budget, an interrupt): every process exits now. */
  stop(end: ReferenceEnd): void {
    if (this.over) return;
    this.over = true;
    this.history.endMs = this.world.clock.nowMs();
    // Nothing can happen any more while a process is still in its teardown: it never returns.
    const someAlive = [...this.lives.values()].some((life) => !life.exited);
    this.history.deadlocked = end.kind === 'stopped' && end.reason === 'quiescent' && someAlive;
    if (end.kind === 'livelock') {
      const { maxSteps } = this.spec.budgets;
      const goroutines = [end.livelock.goroutine];
      this.history.budget = {
        kind: 'steps',
        limit: maxSteps,
        atMs: this.history.endMs,
        goroutines,
      };
    }
    for (const life of this.lives.values()) life.kill();
    this.finish(end);
  }

  get isOver(): boolean {
    return this.over;
  }

  emitId(): number {
    return this.nextEventId++;
  }

  /** Ginkgo's SynchronizedAfterSuite: resolves for process 1 once every process arrived. */
  arrive(process: number): Promise<void> {
    this.release(process);
    if (process !== 1) return Promise.resolve();
    if (this.arrived.size === this.spec.processes.length) return Promise.resolve();
    return new Promise((resolve) => this.barrierWaiters.push(resolve));
  }

  /** Whether process `id` has exited. */
  exited(id: number): boolean {
    return this.lives.get(id)?.exited ?? true;
  }

  /** Begins the stop of DataStorage; false when it was already stopped. */
  stopDataStorage(): boolean {
    if (this.history.backendStoppedAtMs !== null) return false;
    this.history.backendStoppedAtMs = this.world.clock.nowMs();
    this.world.dataStorage.stop();
    return true;
  }

  recordPanic(process: number, goroutine: string, panic: StorePanic): void {
    const atMs = this.world.clock.nowMs();
    this.history.panics.push({ atMs, process, goroutine, message: panic.message });
  }

  private release(process: number): void {
    if (this.arrived.has(process)) return;
    this.arrived.add(process);
    if (this.arrived.size < this.spec.processes.length) return;
    for (const wake of this.barrierWaiters.splice(0)) wake();
  }

  private async processMain(p: ProcessSpec, life: ProcessLife): Promise<void> {
    const { clock } = life;
    if (p.storeCreatedMs > 0) await sleep(clock, p.storeCreatedMs);
    const store = p.ownsStore ? this.newStore(p.id, life) : null;
    store?.start();
    const manager: Manager = { cancelledAtMs: null };
    this.guard(this.reconciler(p, store, manager, life));

    const untilSpecEndMs = p.specEndMs - clock.nowMs();
    if (untilSpecEndMs > 0) await sleep(clock, untilSpecEndMs);
    try {
      await new ReferenceTeardown(this, p.id, store, manager, clock).run();
    } catch (error) {
      if (!(error instanceof StorePanic)) throw error;
      this.recordPanic(p.id, `p${p.id}.ginkgo`, error);
    }
    this.exitProcess(p.id);
  }

  /** Emits each burst at its time, until the manager's cancel plus the drain window. */
  private async reconciler(
    p: ProcessSpec,
    store: ReferenceStore | null,
    manager: Manager,
    life: ProcessLife,
  ): Promise<void> {
    for (const burst of p.events) {
      const untilMs = burst.atMs - life.clock.nowMs();
      if (untilMs > 0) await sleep(life.clock, untilMs);
      const cancelledAtMs = manager.cancelledAtMs;
      if (cancelledAtMs !== null && burst.atMs >= cancelledAtMs + this.spec.managerDrainMs) return;
      if (store === null) continue;
      for (let i = 0; i < burst.count; i++) {
        // Go gives the writer its turn between two StoreAudit calls (the core's schedule does):
        // it takes the event handed to it and blocks again before the next send.
        if (i > 0) await this.world.yieldTurn();
        if (life.exited) return;
        try {
          store.storeAudit(this.emitId());
        } catch (error) {
          if (!(error instanceof StorePanic)) throw error;
          return this.recordPanic(p.id, `p${p.id}.reconciler`, error);
        }
      }
    }
  }

  private newStore(process: number, life: ProcessLife): ReferenceStore {
    const { dataStorage, choose } = this.world;
    const client = new DataStorageClient({
      origin: dataStorage.origin,
      dispatcher: dataStorage.dispatcher,
      clock: life.clock,
      exited: life.signal,
    });
    return new ReferenceStore({
      process,
      knobs: this.spec.store,
      clock: life.clock,
      client,
      history: this.history,
      choose,
      onLivelock: (livelock) => this.stop({ kind: 'livelock', livelock }),
      onFailure: (error) => this.stop({ kind: 'failed', error }),
      alive: () => !life.exited,
    });
  }

  /** Ends process `id` (its teardown is over, or it called exit); the run ends with the last. */
  exitProcess(id: number): void {
    if (this.lives.get(id)?.exited === true) return;
    this.history.exits.push({ process: id, atMs: this.world.clock.nowMs() });
    if (this.spec.plan.some((s) => s.step === 'synchronized')) this.release(id);
    this.lives.get(id)?.kill();
    const exited = [...this.lives.values()].filter((life) => life.exited).length;
    if (exited === this.spec.processes.length) this.stop({ kind: 'halted' });
  }

  /** Runs a process's async work; an error that is no Go panic is a bug of the harness. */
  private guard(work: Promise<void>): void {
    work.catch((error: unknown) => this.stop({ kind: 'failed', error }));
  }
}
