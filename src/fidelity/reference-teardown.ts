// One process's teardown plan in a reference run: the steps of src/model/teardown.ts performed
// on a reference store, each recorded with its start and end, with Ginkgo's nil-store panic and
// SynchronizedAfterSuite barrier.
import type { History, LogLevel, TeardownStepRecord } from '../model/history.ts';
import { SUITE_LOGGER } from '../model/logger.ts';
import type { RunSpec } from '../model/suite.ts';
import { describeStep, type TeardownStep } from '../model/teardown.ts';
import { sleep, type Clock } from './clock.ts';
import { Context } from './context.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { StorePanic } from './errors.ts';
import { never } from './process-life.ts';
import type { ReferenceStore } from './reference-store.ts';

const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

/** The controller manager of a process: its reconcilers stop after a cancel (and a drain). */
export interface Manager {
  cancelledAtMs: number | null;
}

/** What the teardown needs of the suite around it. */
export interface TeardownSuite {
  readonly history: History;
  readonly spec: Pick<RunSpec, 'plan' | 'stopEnvMs' | 'stopDataStorageMs'>;
  arrive(process: number): Promise<void>;
  stopDataStorage(): boolean;
  /** The process exits at once: every async function of it stops where it is. */
  exitProcess(process: number): void;
  exited(process: number): boolean;
  recordPanic(process: number, goroutine: string, panic: StorePanic): void;
}

export class ReferenceTeardown {
  private ignoreCloseError = false;

  constructor(
    private readonly suite: TeardownSuite,
    private readonly process: number,
    private readonly store: ReferenceStore | null,
    private readonly manager: Manager,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const plan = this.suite.spec.plan;
    const barrierAt = plan.findIndex((s) => s.step === 'synchronized');
    const everyProcess = barrierAt === -1 ? plan : plan.slice(0, barrierAt);
    for (const step of everyProcess) await this.recorded(step);
    if (barrierAt === -1) return;

    const barrier = this.begin('synchronized');
    await this.suite.arrive(this.process);
    barrier.endMs = this.clock.nowMs();
    if (this.process !== 1) return;
    for (const step of plan.slice(barrierAt + 1)) await this.recorded(step);
  }

  private begin(step: string): TeardownStepRecord {
    const record = { process: this.process, step, startMs: this.clock.nowMs(), endMs: null };
    this.suite.history.teardownSteps.push(record);
    return record;
  }

  private async recorded(step: TeardownStep): Promise<void> {
    const record = this.begin(describeStep(step));
    await this.perform(step);
    if (this.suite.exited(this.process)) return never();
    record.endMs = this.clock.nowMs();
  }

  private log(level: LogLevel, message: string, fields: Record<string, string> = {}): void {
    const atMs = this.clock.nowMs();
    const line = { atMs, process: this.process, level, logger: SUITE_LOGGER, message, fields };
    this.suite.history.logs.push(line);
  }

  /** The store, or Go's nil-pointer panic; null when `ifStore` skips the step. */
  private storeFor(step: { readonly ifStore?: boolean }): ReferenceStore | null {
    if (this.store !== null) return this.store;
    if (step.ifStore === true) return null;
    throw new StorePanic(NIL_DEREFERENCE);
  }

  private async perform(step: TeardownStep): Promise<void> {
    switch (step.step) {
      case 'flush': {
        const store = this.storeFor(step);
        if (store === null) return;
        const deadline = new Context(this.clock).withTimeout(step.timeoutMs);
        const error = await store.flush(deadline, step.timeoutMs);
        if (error !== null) this.log('WARN', 'Failed to flush audit store', { error });
        return;
      }
      case 'close': {
        const store = this.storeFor(step);
        if (store === null) return;
        const error = await store.close(this.ignoreCloseError);
        if (error !== null && !this.ignoreCloseError) {
          this.log('WARN', 'Failed to close audit store', { error });
        }
        return;
      }
      case 'cancelManager':
        this.manager.cancelledAtMs = this.clock.nowMs();
        return;
      case 'stopEnv':
        return sleep(this.clock, step.ms ?? this.suite.spec.stopEnvMs);
      case 'sleep':
        return sleep(this.clock, step.ms);
      case 'ignoreCloseError':
        this.ignoreCloseError = true;
        return;
      case 'synchronized':
        return;
      case 'parallel':
        await Promise.all(step.branches.map((branch, i) => this.branch(branch, i + 1)));
        return;
      case 'stopDataStorage': {
        const first = this.suite.stopDataStorage();
        await sleep(this.clock, this.suite.spec.stopDataStorageMs);
        if (first) this.log('INFO', 'DataStorage infrastructure stopped');
        else this.log('WARN', 'Infrastructure stop failed', { error: 'no such container' });
        return;
      }
      case 'exit':
        this.suite.exitProcess(this.process);
        return never();
      default:
        // A step added to the plan language after this file: refused, never skipped.
        throw new AuditRaceError(
          'NOT_MODELLED',
          `The reference suite does not implement the teardown step "${describeStep(step)}".`,
        );
    }
  }

  /** A branch runs as a goroutine of its own: a panic ends it, and the join waits forever. */
  private async branch(steps: readonly TeardownStep[], index: number): Promise<void> {
    try {
      for (const step of steps) await this.recorded(step);
    } catch (error) {
      if (!(error instanceof StorePanic)) throw error;
      this.suite.recordPanic(this.process, `p${this.process}.hook${index}`, error);
      await never();
    }
  }
}
