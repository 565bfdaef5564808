// A Runtime for unit tests of the sim layer: it records every panic and keeps a trace of lines
// the test goroutines note, each stamped with the virtual time, so a test can state what happened
// when in one `toEqual`.
import { TapeDecisions, type DecisionSource } from '../../src/sim/decisions.ts';
import type { Go } from '../../src/sim/ops.ts';
import { Runtime, type Budgets } from '../../src/sim/runtime.ts';

/** Budgets large enough that no test in test/sim meets them unless it means to. */
export const BUDGETS: Budgets = { maxSteps: 10_000, maxVirtualMs: 1_000_000 };

export interface PanicNote {
  readonly goroutine: string;
  readonly message: string;
  readonly atMs: number;
}

export interface Harness {
  readonly rt: Runtime;
  readonly panics: PanicNote[];
  /** Lines noted by goroutines, as `<virtual ms> <line>`, in the order they were noted. */
  readonly trace: string[];
  note(line: string): void;
  /** Starts `body` as a goroutine of group 0 (or `group`). */
  go(name: string, body: () => Go<unknown>, group?: number): void;
}

export function harness(
  decisions: DecisionSource = new TapeDecisions([]),
  budgets: Budgets = BUDGETS,
): Harness {
  const panics: PanicNote[] = [];
  const trace: string[] = [];
  const rt: Runtime = new Runtime(decisions, budgets, {
    onPanic: (g, message) => panics.push({ goroutine: g.name, message, atMs: rt.nowMs }),
  });

  return {
    rt,
    panics,
    trace,
    note: (line) => trace.push(`${rt.nowMs} ${line}`),
    go: (name, body, group = 0) => void rt.go(name, group, body()),
  };
}
