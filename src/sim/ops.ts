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
 */
class RawOp {
  constructor(
    readonly kind: Op['kind'],
    readonly ch: Channel<unknown> | undefined,
    readonly value: unknown,
    readonly cases: readonly SelectCase[] | undefined,
    readonly hasDefault: boolean,
    readonly ms: number,
    readonly wg: WaitGroup | undefined,
    readonly message: string,
  ) {}
}

/** An operation with every field it does not use at its neutral value. */
function op(
  kind: Op['kind'],
  ch?: Channel<unknown>,
  value?: unknown,
  cases?: readonly SelectCase[],
  hasDefault = false,
  ms = 0,
  wg?: WaitGroup,
  message = '',
): Op {
  return new RawOp(kind, ch, value, cases, hasDefault, ms, wg, message) as Op;
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
export const STEP: Op = op('step');

export function send<T>(ch: Channel<T>, value: T): Op {
  return op('send', ch as Channel<unknown>, value);
}

export function trySendOp<T>(ch: Channel<T>, value: T): Op {
  return op('trySend', ch as Channel<unknown>, value);
}

export function recv<T>(ch: Channel<T>): Op {
  return op('recv', ch as Channel<unknown>);
}

export function close<T>(ch: Channel<T>): Op {
  return op('close', ch as Channel<unknown>);
}

export function sleep(ms: number): Op {
  return op('sleep', undefined, undefined, undefined, false, ms);
}

export function wait(wg: WaitGroup): Op {
  return op('wait', undefined, undefined, undefined, false, 0, wg);
}

export function goPanic(message: string): Op {
  return op('panic', undefined, undefined, undefined, false, 0, undefined, message);
}

export function recvCase<T>(ch: Channel<T>): SelectCase {
  return new RawCase('recv', ch as Channel<unknown>, undefined) as SelectCase;
}

export function sendCase<T>(ch: Channel<T>, value: T): SelectCase {
  return new RawCase('send', ch as Channel<unknown>, value) as SelectCase;
}

export function select(cases: readonly SelectCase[], hasDefault = false): Op {
  return op('select', undefined, undefined, cases, hasDefault);
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
