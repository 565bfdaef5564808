// The verdicts of a reference run, judged exactly as the core's runs are: every property of
// src/check on the History, plus the livelock verdict when the run was cut off.
import { checkAll } from '../check/index.ts';
import type { Finding } from '../explore/run.ts';
import type { History } from '../model/history.ts';

export function findingsOf(history: History): Finding[] {
  const findings: Finding[] = checkAll(history).map((v) => ({ ...v, verdict: v.property }));
  const budget = history.budget;
  if (budget !== null) {
    const what = budget.kind === 'steps' ? `${budget.limit} steps` : `${budget.limit} virtual ms`;
    const still = budget.goroutines.join(', ');
    const message = `livelock suspected after ${what}; still running: ${still}`;
    findings.push({ verdict: 'livelock', atMs: budget.atMs, process: null, message });
  }
  return findings;
}
