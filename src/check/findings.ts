// A run's verdicts: every property's violations, plus `livelock` when the run ran out of a step
// or virtual-time budget. The core, the reference store and the tests all judge a History here.
import type { History } from '../model/history.ts';
import { checkAll } from './index.ts';
import { PROPERTY_IDS } from './property.ts';

/** The verdicts a run can get: each property, plus a budget that ran out. */
export const VERDICT_IDS = [...PROPERTY_IDS, 'livelock'] as const;

export type VerdictId = (typeof VERDICT_IDS)[number];

export interface Finding {
  readonly verdict: VerdictId;
  readonly atMs: number;
  readonly process: number | null;
  readonly message: string;
}

export function findingsOf(history: History): Finding[] {
  const findings: Finding[] = checkAll(history).map((v) => ({
    verdict: v.property,
    atMs: v.atMs,
    process: v.process,
    message: v.message,
  }));
  const budget = history.budget;
  if (budget !== null) {
    const what = budget.kind === 'steps' ? `${budget.limit} steps` : `${budget.limit} virtual ms`;
    const running = budget.goroutines.join(', ');
    const message = `livelock suspected after ${what}; still running: ${running}`;
    findings.push({ verdict: 'livelock', atMs: budget.atMs, process: null, message });
  }
  return findings;
}
