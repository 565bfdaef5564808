// The integration suite: N parallel processes sharing one DataStorage, each with its own store,
// reconcilers and spec end time, each running the teardown plan. simulate() runs one concrete
// RunSpec to its end and returns the History the properties read.
import type { DecisionSource } from '../sim/decisions.ts';
import type { Goroutine } from '../sim/goroutine.ts';
import { STEP, goPanic, sleep, wait, type Go } from '../sim/ops.ts';
import { Runtime, type Budgets, type RunEnd } from '../sim/runtime.ts';
import { Context, WaitGroup } from '../sim/sync.ts';
import { DataStorage, type DataStorageConfig } from './datastorage.ts';
import { emptyHistory, type History, type TeardownStepRecord } from './history.ts';
import type { StoreKnobs } from './knobs.ts';
import { Logger, SUITE_LOGGER } from './logger.ts';
import { mark } from './marks.ts';
import { BufferedAuditStore } from './store.ts';
import { describeStep, type TeardownStep } from './teardown.ts';

/** A burst of `count` audit events a process's reconcilers emit at `atMs`. */
export interface EventBurst {
  readonly atMs: number;
  readonly count: number;
}

export interface ProcessSpec {
  /** 1-based Ginkgo process number; process 1 runs the synchronized part of the teardown. */
  readonly id: number;
  /** When the store (and its writer, whose ticker phase follows) is created. */
  readonly storeCreatedMs: number;
  /** When the process's last spec ends and its teardown begins. */
  readonly specEndMs: number;
  /** False for a process whose store reference was never set (teardown on it panics). */
  readonly ownsStore: boolean;
  readonly events: readonly EventBurst[];
}

/** One fully concrete run: what a scenario plus generated variation resolves to. */
export interface RunSpec {
  readonly startUtcMs: number;
  readonly store: StoreKnobs;
  readonly dataStorage: DataStorageConfig;
  readonly processes: readonly ProcessSpec[];
  readonly plan: readonly TeardownStep[];
  /** How long after the manager's cancel in-flight reconciles may still emit events. */
  readonly managerDrainMs: number;
  readonly stopEnvMs: number;
  /** How long the stop command of DataStorage takes (it refuses from the start). */
  readonly stopDataStorageMs: number;
  readonly budgets: Budgets;
}

export interface SimResult {
  readonly history: History;
  readonly end: RunEnd;
  readonly steps: number;
  readonly decisions: number;
}

const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

class Suite {
  readonly history: History;
  readonly rt: Runtime;
  readonly dataStorage: DataStorage;
  /** Released by each process when it reaches `synchronized`. */
  readonly barrier: WaitGroup;
  private readonly arrived = new Set<number>();
  readonly stores: BufferedAuditStore[] = [];
  private nextEventId = 1;
  private exited = 0;

  constructor(
    readonly spec: RunSpec,
    private readonly decisions: DecisionSource,
  ) {
    this.history = emptyHistory(spec.startUtcMs);
    this.rt = new Runtime(decisions, spec.budgets, { onPanic: (g, m) => this.onPanic(g, m) });
    this.dataStorage = new DataStorage(this.rt, spec.dataStorage, this.history);
    this.barrier = new WaitGroup(this.rt);
    this.barrier.add(spec.processes.length);
  }

  run(): SimResult {
    for (const p of this.spec.processes) this.rt.go(`p${p.id}.ginkgo`, p.id, this.processMain(p));
    const end = this.rt.run();
    this.history.endMs = this.rt.nowMs;
    this.history.deadlocked = end.kind === 'quiescent' && this.exited < this.spec.processes.length;
    if (end.kind === 'steps' || end.kind === 'virtual-time') {
      const { kind, limit, goroutines } = end;
      this.history.budget = { kind, limit, atMs: this.rt.nowMs, goroutines };
    }
    const { history, rt, decisions } = this;
    return { history, end, steps: rt.steps, decisions: decisions.taken };
  }

  emitId(): number {
    return this.nextEventId++;
  }

  private *processMain(p: ProcessSpec): Go {
    yield sleep(p.storeCreatedMs);
    const store = p.ownsStore
      ? new BufferedAuditStore(this.rt, p.id, this.spec.store, this.dataStorage, this.history)
      : null;
    store?.start();
    if (store !== null) this.stores.push(store);
    const manager = { cancelledAtMs: null as number | null };
    this.rt.go(`p${p.id}.reconciler`, p.id, this.reconciler(p, store, manager));

    yield sleep(p.specEndMs - this.rt.nowMs);
    yield* new Teardown(this, p.id, store, manager).run();
    this.exitProcess(p.id);
  }

  /** Emits each burst at its time, until the manager's cancel plus the drain window. */
  private *reconciler(
    p: ProcessSpec,
    store: BufferedAuditStore | null,
    manager: { cancelledAtMs: number | null },
  ): Go {
    for (const burst of p.events) {
      yield sleep(burst.atMs - this.rt.nowMs);
      const cancelledAtMs = manager.cancelledAtMs;
      if (cancelledAtMs !== null && burst.atMs >= cancelledAtMs + this.spec.managerDrainMs) return;
      if (store === null) continue;
      for (let i = 0; i < burst.count; i++) yield* store.storeAudit(this.emitId());
    }
  }

  exitProcess(id: number): void {
    if (this.rt.groupKilled(id)) return;
    // Ginkgo's process 1 stops waiting for a process that has gone, whatever way it went.
    if (this.spec.plan.some((s) => s.step === 'synchronized')) this.releaseBarrier(id);
    this.rt.killGroup(id);
    this.history.exits.push({ process: id, atMs: this.rt.nowMs });
    this.exited++;
    if (this.exited === this.spec.processes.length) this.rt.halt();
  }

  /** Counts a process as arrived at `synchronized`, once. */
  releaseBarrier(id: number): void {
    if (this.arrived.has(id)) return;
    this.arrived.add(id);
    this.barrier.done();
  }

  private onPanic(g: Goroutine, message: string): void {
    const { history, rt } = this;
    const seq = history.recorded++;
    history.panics.push({ atMs: rt.nowMs, seq, process: g.group, goroutine: g.name, message });
    if (g.name.endsWith('.ginkgo')) this.exitProcess(g.group);
  }
}

/** One process's run through the teardown plan. */
class Teardown {
  private ignoreCloseError = false;
  private readonly log: Logger;

  constructor(
    private readonly suite: Suite,
    private readonly process: number,
    private readonly store: BufferedAuditStore | null,
    private readonly manager: { cancelledAtMs: number | null },
  ) {
    this.log = new Logger(suite.history, () => suite.rt.nowMs, process, SUITE_LOGGER);
  }

  *run(): Go {
    const plan = this.suite.spec.plan;
    const barrierAt = plan.findIndex((s) => s.step === 'synchronized');
    if (barrierAt === -1) {
      yield* this.performAll(plan);
      return;
    }
    yield* this.performAll(plan.slice(0, barrierAt));

    const barrier = this.begin('synchronized');
    this.suite.releaseBarrier(this.process);
    if (this.process === 1) yield wait(this.suite.barrier);
    barrier.endMs = this.now();
    if (this.process === 1) yield* this.performAll(plan.slice(barrierAt + 1));
  }

  /** Performs steps in order, each between its start and end record. */
  private *performAll(steps: readonly TeardownStep[]): Go {
    for (const step of steps) {
      const record = this.begin(describeStep(step));
      yield* this.perform(step);
      record.endMs = this.now();
    }
  }

  private now(): number {
    return this.suite.rt.nowMs;
  }

  private *branch(steps: readonly TeardownStep[], joined: WaitGroup): Go {
    yield* this.performAll(steps);
    joined.done();
  }

  private begin(step: string): TeardownStepRecord {
    const history = this.suite.history;
    const seq = history.recorded++;
    const record = { seq, process: this.process, step, startMs: this.now(), endMs: null };
    history.teardownSteps.push(record);
    return record;
  }

  private *perform(step: TeardownStep): Go {
    const { rt, spec, dataStorage } = this.suite;
    switch (step.step) {
      case 'flush': {
        if (this.store === null && step.ifStore === true) return;
        if (this.store === null) {
          yield goPanic(NIL_DEREFERENCE);
          return;
        }
        const ctx = new Context(rt, `p${this.process}.flush.ctx`, null);
        const deadline = ctx.withTimeout(`p${this.process}.flush.deadline`, step.timeoutMs);
        const error = yield* this.store.flush(deadline, step.timeoutMs);
        deadline.cancel(); // defer cancel(): the deadline's timer stops with the call
        if (error !== null) this.log.log('WARN', 'Failed to flush audit store', { error });
        return;
      }
      case 'close': {
        if (this.store === null && step.ifStore === true) return;
        if (this.store === null) {
          yield goPanic(NIL_DEREFERENCE);
          return;
        }
        const error = yield* this.store.close(this.ignoreCloseError);
        if (error !== null && !this.ignoreCloseError) {
          this.log.log('WARN', 'Failed to close audit store', { error });
        }
        return;
      }
      case 'cancelManager':
        yield STEP;
        this.manager.cancelledAtMs = rt.nowMs;
        return;
      case 'stopEnv':
        yield sleep(step.ms ?? spec.stopEnvMs);
        return;
      case 'sleep':
        yield sleep(step.ms);
        return;
      case 'ignoreCloseError':
        this.ignoreCloseError = true;
        return;
      case 'synchronized':
        return;
      case 'exit':
        this.suite.exitProcess(this.process);
        yield STEP;
        return;
      case 'parallel': {
        const joined = new WaitGroup(rt);
        joined.add(step.branches.length);
        step.branches.forEach((branch, i) => {
          rt.go(`p${this.process}.hook${i + 1}`, this.process, this.branch(branch, joined));
        });
        yield wait(joined);
        return;
      }
      case 'stopDataStorage': {
        yield STEP;
        const first = dataStorage.stop();
        const live = this.suite.stores.filter((s) => !rt.groupKilled(s.process));
        if (first && live.some((s) => s.unwrittenEvents() > 0)) {
          mark(this.suite.history, 'stop-with-batch-pending');
        }
        yield sleep(spec.stopDataStorageMs);
        if (first) this.log.log('INFO', 'DataStorage infrastructure stopped');
        else this.log.log('WARN', 'Infrastructure stop failed', { error: 'no such container' });
        return;
      }
    }
  }
}

/** Runs one concrete suite run to its end. */
export function simulate(spec: RunSpec, decisions: DecisionSource): SimResult {
  return new Suite(spec, decisions).run();
}
