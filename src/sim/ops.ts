// The operations a goroutine yields to the scheduler. Each yield is a synchronisation point where
// the scheduler may run another goroutine first; code between two yields runs atomically.
import type { Channel } from './channel.ts';
import type { WaitGroup } from './sync.ts';

/** What a receive yields: the value and Go's `ok` flag (false once closed and drained). */
export interface RecvResult<T> {
  readonly value: T | undefined;
  readonly ok: boolean;
}

/** What a select yields: the index of the case that ran (-1 for `default`), and for a receive
 * case the value and `ok` flag. */
export interface SelectResult {
  readonly index: number;
  readonly value: unknown;
  readonly ok: boolean;
}

export type SelectCase =
  | { readonly dir: 'recv'; readonly ch: Channel<unknown> }
  | { readonly dir: 'send'; readonly ch: Channel<unknown>; readonly value: unknown };

export type Op =
  | { readonly kind: 'step' }
  | { readonly kind: 'send'; readonly ch: Channel<unknown>; readonly value: unknown }
  /** `select { case ch <- v: ... default: ... }`: yields true when sent, false when it would
   * have blocked; panics on a closed channel like any send. */
  | { readonly kind: 'trySend'; readonly ch: Channel<unknown>; readonly value: unknown }
  | { readonly kind: 'recv'; readonly ch: Channel<unknown> }
  | { readonly kind: 'close'; readonly ch: Channel<unknown> }
  | {
      readonly kind: 'select';
      readonly cases: readonly SelectCase[];
      readonly hasDefault: boolean;
    }
  | { readonly kind: 'sleep'; readonly ms: number }
  | { readonly kind: 'wait'; readonly wg: WaitGroup }
  | { readonly kind: 'panic'; readonly message: string };

/** A goroutine body: a generator that yields operations and receives their results. */
export type Go<R = void> = Generator<Op, R, unknown>;

/**
 * Every operation object has the same fields and hidden class, whatever its kind, so the
 * scheduler's dispatch on `kind` stays monomorphic: the hot path of every run goes through it.
 * Each factory below sets the fields its kind uses; the others keep their neutral values.
 */
class RawOp {
  ch: Channel<unknown> | undefined = undefined;
  value: unknown = undefined;
  cases: readonly SelectCase[] | undefined = undefined;
  hasDefault = false;
  ms = 0;
  wg: WaitGroup | undefined = undefined;
  message = '';

  constructor(readonly kind: Op['kind']) {}
}

/** An operation on one channel, with the value it offers when it sends. */
function onChannel(kind: Op['kind'], ch: Channel<unknown>, value?: unknown): Op {
  const op = new RawOp(kind);
  op.ch = ch;
  op.value = value;
  return op as Op;
}

/** The same field layout for send and receive cases, for the same reason. */
class RawCase {
  constructor(
    readonly dir: 'recv' | 'send',
    readonly ch: Channel<unknown>,
    readonly value: unknown,
  ) {}
}

/** A bare scheduling point: an atomic load, store or compare-and-swap happens right after it. */
export const STEP: Op = new RawOp('step') as Op;

export function send<T>(ch: Channel<T>, value: T): Op {
  return onChannel('send', ch as Channel<unknown>, value);
}

export function trySendOp<T>(ch: Channel<T>, value: T): Op {
  return onChannel('trySend', ch as Channel<unknown>, value);
}

export function recv<T>(ch: Channel<T>): Op {
  return onChannel('recv', ch as Channel<unknown>);
}

export function close<T>(ch: Channel<T>): Op {
  return onChannel('close', ch as Channel<unknown>);
}

export function sleep(ms: number): Op {
  const op = new RawOp('sleep');
  op.ms = ms;
  return op as Op;
}

export function wait(wg: WaitGroup): Op {
  const op = new RawOp('wait');
  op.wg = wg;
  return op as Op;
}

export function goPanic(message: string): Op {
  const op = new RawOp('panic');
  op.message = message;
  return op as Op;
}

export function recvCase<T>(ch: Channel<T>): SelectCase {
  return new RawCase('recv', ch as Channel<unknown>, undefined) as SelectCase;
}

export function sendCase<T>(ch: Channel<T>, value: T): SelectCase {
  return new RawCase('send', ch as Channel<unknown>, value) as SelectCase;
}

export function select(cases: readonly SelectCase[], hasDefault = false): Op {
  const op = new RawOp('select');
  op.cases = cases;
  op.hasDefault = hasDefault;
  return op as Op;
}

/** The result of a receive or a select, in one shape: `index` is -1 for a plain receive and for
 * a select's default. */
export class Received implements SelectResult {
  constructor(
    readonly index: number,
    readonly value: unknown,
    readonly ok: boolean,
  ) {}
}
