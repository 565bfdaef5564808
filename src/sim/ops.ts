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

/** A bare scheduling point: an atomic load, store or compare-and-swap happens right after it. */
export const STEP: Op = { kind: 'step' };

export function send<T>(ch: Channel<T>, value: T): Op {
  return { kind: 'send', ch: ch as Channel<unknown>, value };
}

export function recv<T>(ch: Channel<T>): Op {
  return { kind: 'recv', ch: ch as Channel<unknown> };
}

export function close<T>(ch: Channel<T>): Op {
  return { kind: 'close', ch: ch as Channel<unknown> };
}

export function sleep(ms: number): Op {
  return { kind: 'sleep', ms };
}

export function wait(wg: WaitGroup): Op {
  return { kind: 'wait', wg };
}

export function goPanic(message: string): Op {
  return { kind: 'panic', message };
}

export function recvCase<T>(ch: Channel<T>): SelectCase {
  return { dir: 'recv', ch: ch as Channel<unknown> };
}

export function sendCase<T>(ch: Channel<T>, value: T): SelectCase {
  return { dir: 'send', ch: ch as Channel<unknown>, value };
}

export function select(cases: readonly SelectCase[], hasDefault = false): Op {
  return { kind: 'select', cases, hasDefault };
}
