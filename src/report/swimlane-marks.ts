// The vocabulary of a swimlane picture: lanes (one per actor of a run) and the marks they carry,
// in virtual ms. swimlane.ts builds them from a History; the SVG renderer draws them.
import type { AttemptResult, Outcome } from '../model/history.ts';

export type LaneKind = 'datastorage' | 'teardown' | 'writer' | 'reconcilers';

export interface Lane {
  /** `datastorage`, or `p4.teardown`, `p4.writer`, `p4.reconcilers`. */
  readonly id: string;
  readonly kind: LaneKind;
  readonly process: number | null;
  readonly label: string;
}

export type Mark =
  | {
      readonly kind: 'step';
      readonly lane: string;
      readonly startMs: number;
      endMs: number;
      readonly label: string;
    }
  | {
      readonly kind: 'call';
      readonly lane: string;
      readonly call: 'close' | 'flush';
      readonly startMs: number;
      readonly endMs: number | null;
      readonly outcome: Outcome;
      readonly error: string | null;
    }
  | {
      readonly kind: 'attempt';
      readonly lane: string;
      readonly startMs: number;
      readonly endMs: number | null;
      readonly result: AttemptResult;
      readonly batchId: number;
      readonly attempt: number;
      readonly events: number;
    }
  | {
      readonly kind: 'backoff';
      readonly lane: string;
      readonly startMs: number;
      readonly endMs: number;
    }
  | {
      readonly kind: 'alive';
      readonly lane: string;
      readonly startMs: number;
      readonly endMs: number;
      readonly exited: boolean;
    }
  | {
      readonly kind: 'event';
      readonly lane: string;
      readonly atMs: number;
      readonly outcome: Outcome;
    }
  | {
      readonly kind: 'panic';
      readonly lane: string;
      readonly atMs: number;
      readonly message: string;
    }
  | {
      readonly kind: 'error-log';
      readonly lane: string;
      readonly atMs: number;
      readonly message: string;
    }
  | {
      readonly kind: 'backend';
      readonly lane: string;
      readonly startMs: number;
      readonly endMs: number;
      readonly state: 'up' | 'stopped';
    }
  | { readonly kind: 'stop'; readonly lane: string; readonly atMs: number }
  | {
      readonly kind: 'violation';
      readonly lane: string;
      readonly atMs: number;
      readonly verdict: string;
      readonly message: string;
      readonly number: number;
      readonly first: boolean;
    };

/** The first moment a mark covers. */
export function startOf(mark: Mark): number {
  return 'atMs' in mark ? mark.atMs : mark.startMs;
}

/** The last moment a mark covers (its start for instant marks and unfinished calls). */
export function endOf(mark: Mark): number {
  if ('atMs' in mark) return mark.atMs;
  return mark.endMs ?? mark.startMs;
}
