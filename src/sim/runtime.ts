// The deterministic runtime: virtual time, one timer queue, and a scheduler that resumes one
// goroutine at a time. Every choice (which runnable goroutine, which ready select case) comes from
// the run's DecisionSource, so the same inputs and tape give the same run, step for step.
import type { Channel } from './channel.ts';
import { closeChannel, parkSelect, selectReady, trySend, tryRecv } from './channel-ops.ts';
import type { DecisionSource } from './decisions.ts';
import { AuditRaceError, GoPanic } from './errors.ts';
import { Goroutine } from './goroutine.ts';
import { Received, type Go, type Op, type SelectCase } from './ops.ts';
import { TimerHeap, type Timer } from './timer-heap.ts';

export interface Budgets {
  /** Scheduling steps before the run is cut off as a suspected livelock. */
  readonly maxSteps: number;
  /** Virtual ms after which the run is cut off. */
  readonly maxVirtualMs: number;
}

export type RunEnd =
  | { readonly kind: 'halted' | 'quiescent' }
  | {
      readonly kind: 'steps' | 'virtual-time';
      readonly limit: number;
      readonly goroutines: string[];
    };

export interface RuntimeHooks {
  /** Called when a goroutine dies of a Go panic. */
  onPanic(g: Goroutine, message: string): void;
}

const BLOCKED = Symbol('blocked');

export class Runtime {
  nowMs = 0;
  steps = 0;
  /** The goroutine being stepped; null while timers fire. */
  current: Goroutine | null = null;
  private readonly timers = new TimerHeap();
  private readonly runnable: Goroutine[] = [];
  private readonly goroutines: Goroutine[] = [];
  private readonly killedGroups = new Set<number>();
  private timerSeq = 0;
  private halted = false;
  private readonly pick: (runnable: readonly Goroutine[]) => number;
  private readonly chooseCase: (options: number) => number;

  constructor(
    private readonly decisions: DecisionSource,
    private readonly budgets: Budgets,
    private readonly hooks: RuntimeHooks,
  ) {
    this.pick =
      decisions.pickGoroutine === undefined
        ? (runnable) => decisions.choose(runnable.length)
        : (runnable) => decisions.pickGoroutine!(runnable);
    this.chooseCase = (options) => decisions.choose(options);
  }

  /** Starts a goroutine; it runs when the scheduler first picks it. */
  go(name: string, group: number, body: Go<unknown>): Goroutine {
    const g = new Goroutine(this.goroutines.length, name, group, body);
    this.goroutines.push(g);
    this.runnable.push(g);
    return g;
  }

  /** A choice for model code (jitter, say), from the same source as the schedule. */
  choose(options: number): number {
    return this.decisions.choose(options);
  }

  /** Schedules `fire` at virtual time `dueMs` (not before now). */
  at(dueMs: number, fire: () => void): Timer {
    const timer = {
      dueMs: Math.max(dueMs, this.nowMs),
      seq: this.timerSeq++,
      fire,
      cancelled: false,
      queued: false,
    };
    this.timers.push(timer);
    return timer;
  }

  /**
   * Puts a timer that has fired back in the queue for `dueMs`: a ticker's next tick, a
   * goroutine's next sleep. A timer still queued would then sit in the heap twice.
   */
  rearm(timer: Timer, dueMs: number): void {
    if (timer.queued) {
      throw new AuditRaceError(
        'INTERNAL',
        `a timer due at ${timer.dueMs} ms was re-armed while queued`,
      );
    }
    timer.dueMs = Math.max(dueMs, this.nowMs);
    timer.seq = this.timerSeq++;
    timer.cancelled = false;
    this.timers.push(timer);
  }

  /** Ends the run after the current step (every process has exited). */
  halt(): void {
    this.halted = true;
  }

  /** Kills every goroutine of a group, as the exit of an OS process does. */
  killGroup(group: number): void {
    this.killedGroups.add(group);
    for (const g of this.goroutines) if (g.group === group && !g.finished) g.state = 'killed';
    for (let i = this.runnable.length - 1; i >= 0; i--) {
      if (this.runnable[i]!.state === 'killed') this.runnable.splice(i, 1);
    }
  }

  groupKilled(group: number): boolean {
    return this.killedGroups.has(group);
  }

  alive(): Goroutine[] {
    return this.goroutines.filter((g) => !g.finished);
  }

  /** Runs until halted, until nothing can happen any more, or until a budget runs out. */
  run(): RunEnd {
    while (!this.halted) {
      if (this.runnable.length === 0) {
        const next = this.nextTimer();
        if (next === undefined) return { kind: 'quiescent' };
        if (next.dueMs > this.budgets.maxVirtualMs) {
          return this.overBudget('virtual-time', this.budgets.maxVirtualMs);
        }
        this.fireTimersAt(next.dueMs);
        continue;
      }
      if (this.steps >= this.budgets.maxSteps)
        return this.overBudget('steps', this.budgets.maxSteps);
      const index = this.runnable.length > 1 ? this.pick(this.runnable) : 0;
      const g = removeAt(this.runnable, index);
      this.steps++;
      this.current = g;
      this.step(g);
      this.current = null;
    }
    return { kind: 'halted' };
  }

  /** Makes a parked goroutine runnable with the result of its operation. */
  wake(g: Goroutine, result: unknown): void {
    if (g.state !== 'blocked') return;
    g.state = 'runnable';
    g.resume = result;
    this.runnable.push(g);
  }

  /** A non-blocking send from outside any goroutine (a timer firing). False if it would block. */
  offer(ch: Channel<unknown>, value: unknown): boolean {
    if (ch.closed) return false;
    return trySend(ch, value, this);
  }

  /** Closes a channel; panics (throws GoPanic) if it was already closed. */
  closeChannel(ch: Channel<unknown>): void {
    closeChannel(ch, this);
  }

  private overBudget(kind: 'steps' | 'virtual-time', limit: number): RunEnd {
    const goroutines = this.alive().map((g) => g.name);
    return { kind, limit, goroutines };
  }

  private nextTimer(): Timer | undefined {
    let next = this.timers.peek();
    while (next !== undefined && next.cancelled) {
      this.timers.pop();
      next = this.timers.peek();
    }
    return next;
  }

  private fireTimersAt(dueMs: number): void {
    this.nowMs = dueMs;
    for (let t = this.nextTimer(); t !== undefined && t.dueMs === dueMs; t = this.nextTimer()) {
      this.timers.pop();
      t.fire();
    }
  }

  private step(g: Goroutine): void {
    if (g.panicOnResume !== null) return this.die(g, g.panicOnResume);
    let input = g.resume;
    g.resume = undefined;
    const op = g.pending;
    if (op !== null) {
      g.pending = null;
      let result: unknown;
      try {
        result = this.perform(g, op);
      } catch (error) {
        if (error instanceof GoPanic) return this.die(g, error.message);
        throw error;
      }
      if (result === BLOCKED) {
        g.state = 'blocked';
        return;
      }
      input = result;
    }
    this.advance(g, input);
  }

  private advance(g: Goroutine, input: unknown): void {
    let next: IteratorResult<Op, unknown>;
    try {
      next = g.body.next(input);
    } catch (error) {
      if (error instanceof GoPanic) return this.die(g, error.message);
      throw new AuditRaceError('INTERNAL', `goroutine ${g.name} threw: ${String(error)}`, {
        cause: error,
      });
    }
    if (next.done === true) {
      if (g.state !== 'killed') g.state = 'done';
      return;
    }
    // The goroutine killed its own group (an exit): it does not run again.
    if (g.state === 'killed') return;
    g.pending = next.value;
    g.state = 'runnable';
    this.runnable.push(g);
  }

  private die(g: Goroutine, message: string): void {
    g.state = 'panicked';
    this.hooks.onPanic(g, message);
  }

  private perform(g: Goroutine, op: Op): unknown {
    switch (op.kind) {
      case 'step':
        return undefined;
      case 'send':
        if (op.ch.closed) throw new GoPanic('send on closed channel');
        if (trySend(op.ch, op.value, this)) return undefined;
        op.ch.sendq.push({ g, caseIndex: -1, select: null, value: op.value });
        return BLOCKED;
      case 'trySend':
        if (op.ch.closed) throw new GoPanic('send on closed channel');
        return trySend(op.ch, op.value, this);
      case 'recv': {
        const result = tryRecv(op.ch, this);
        if (result !== null) return result;
        op.ch.recvq.push({ g, caseIndex: -1, select: null, value: undefined });
        return BLOCKED;
      }
      case 'close':
        this.closeChannel(op.ch);
        return undefined;
      case 'select':
        return this.select(g, op.cases, op.hasDefault);
      case 'sleep':
        if (op.ms <= 0) return undefined;
        this.sleepUntil(g, this.nowMs + op.ms);
        return BLOCKED;
      case 'wait':
        if (op.wg.count === 0) return undefined;
        op.wg.waiters.push(g);
        return BLOCKED;
      case 'panic':
        throw new GoPanic(op.message);
    }
  }

  /** A goroutine sleeps at most once at a time: its wake-up timer is made once and re-armed. */
  private sleepUntil(g: Goroutine, dueMs: number): void {
    if (g.sleepTimer === null) g.sleepTimer = this.at(dueMs, () => this.wake(g, undefined));
    else this.rearm(g.sleepTimer, dueMs);
  }

  private select(g: Goroutine, cases: readonly SelectCase[], hasDefault: boolean): unknown {
    const ran = selectReady(cases, this.chooseCase, this);
    if (ran !== null) return ran;
    if (hasDefault) return DEFAULT_RESULT;
    parkSelect(g, cases);
    return BLOCKED;
  }
}

const DEFAULT_RESULT = new Received(-1, undefined, false);

/** Removes and returns items[index], keeping the order of the rest (cheaper than splice). */
function removeAt<T>(items: T[], index: number): T {
  const item = items[index]!;
  for (let i = index + 1; i < items.length; i++) items[i - 1] = items[i]!;
  items.pop();
  return item;
}
