// The contract every property follows: a pure function from a run's history to the violations it
// finds. Properties never steer a run and never see the simulator, only the History.
import type { History } from '../model/history.ts';

export const PROPERTY_IDS = [
  'no-write-after-stop',
  'close-bounded',
  'no-write-after-close',
  'no-silent-loss',
  'no-panic',
  'flush-bounded',
  'clean-teardown-logs',
  'writer-exits',
] as const;

export type PropertyId = (typeof PROPERTY_IDS)[number];

export interface Violation {
  readonly property: PropertyId;
  /** Virtual ms at which the violation happened (or was first observable). */
  readonly atMs: number;
  /** The suite process it concerns; null when it concerns the suite as a whole. */
  readonly process: number | null;
  /** One sentence a user can read in a report. */
  readonly message: string;
}

export interface Property {
  readonly id: PropertyId;
  /** When the property holds, in the words of the README's table. */
  readonly holdsWhen: string;
  check(history: History): Violation[];
}

/**
 * Slack allowed on top of a timeout before a late return counts as a violation: the model's own
 * scheduling (a WaitGroup goroutine, a select) may add a few virtual ms after the timer fires.
 */
export const SCHEDULING_SLACK_MS = 50;
