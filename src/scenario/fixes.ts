// The fixes, as changes to a scenario's own teardown plan and store knobs: the seed's A-D, the
// synchronized DataStorage stop E, A+E, and any fix a scenario file defines. Expressing them as
// transformations lets the same fix apply to every suite's teardown.
import type { StoreKnobs } from '../model/knobs.ts';
import type { TeardownStep } from '../model/teardown.ts';
import { AuditRaceError } from '../sim/errors.ts';
import type { Scenario } from './schema.ts';

export interface Fix {
  readonly name: string;
  readonly summary: string;
  plan(baseline: readonly TeardownStep[]): TeardownStep[];
  readonly store: Partial<StoreKnobs>;
}

/** The WorkflowExecution teardown of 2026-01-04 (plain AfterSuite on every process). */
export const WORKFLOWEXECUTION_JAN04: readonly TeardownStep[] = [
  { step: 'close' },
  { step: 'cancelManager' },
  { step: 'stopEnv' },
  { step: 'stopDataStorage' },
];

function insertBeforeClose(plan: readonly TeardownStep[], steps: TeardownStep[]): TeardownStep[] {
  const at = plan.findIndex((s) => s.step === 'close');
  if (at === -1) return [...plan];
  return [...plan.slice(0, at), ...steps, ...plan.slice(at)];
}

function insertAfterClose(plan: readonly TeardownStep[], steps: TeardownStep[]): TeardownStep[] {
  const at = plan.findIndex((s) => s.step === 'close');
  if (at === -1) return [...plan];
  return [...plan.slice(0, at + 1), ...steps, ...plan.slice(at + 1)];
}

/** E: every process runs the plan without the DataStorage stop; process 1 stops it at the end. */
function synchronizeStop(plan: readonly TeardownStep[]): TeardownStep[] {
  if (plan.some((s) => s.step === 'synchronized')) return [...plan];
  const rest = plan.filter((s) => s.step !== 'stopDataStorage');
  return [...rest, { step: 'synchronized' }, { step: 'stopDataStorage' }];
}

const flushFirst = (plan: readonly TeardownStep[]) =>
  insertBeforeClose(plan, [{ step: 'flush', timeoutMs: 10_000 }]);

export const BUILT_IN_FIXES: readonly Fix[] = [
  { name: 'baseline', summary: "the scenario's own teardown", plan: (p) => [...p], store: {} },
  { name: 'A', summary: 'Flush(10 s) before Close', plan: flushFirst, store: {} },
  {
    name: 'B',
    summary: 'ignore errors from Close',
    plan: (p) => insertBeforeClose(p, [{ step: 'ignoreCloseError' }]),
    store: {},
  },
  {
    name: 'C',
    summary: 'no retries once the store is closed',
    plan: (p) => [...p],
    store: { failFastWhenClosed: true },
  },
  {
    name: 'D',
    summary: 'sleep 2 s after Close',
    plan: (p) => insertAfterClose(p, [{ step: 'sleep', ms: 2_000 }]),
    store: {},
  },
  {
    name: 'E',
    summary: 'DataStorage stopped once, on process 1, after every process finished',
    plan: synchronizeStop,
    store: {},
  },
  {
    name: 'A+E',
    summary: 'Flush(10 s) before Close, and the synchronized stop',
    plan: (p) => synchronizeStop(flushFirst(p)),
    store: {},
  },
];

/** The fixes available for a scenario: the built-in ones, then the scenario's own. */
export function fixesFor(scenario: Scenario): Fix[] {
  const own = Object.entries(scenario.fixes).map(([name, fix]): Fix => ({
    name,
    summary: fix.summary,
    plan: (baseline) => [...(fix.plan ?? baseline)],
    store: fix.store,
  }));
  const ownNames = new Set(own.map((f) => f.name));
  return [...BUILT_IN_FIXES.filter((f) => !ownNames.has(f.name)), ...own];
}

export function findFix(scenario: Scenario, name: string): Fix {
  const fixes = fixesFor(scenario);
  const fix = fixes.find((f) => f.name === name);
  if (fix !== undefined) return fix;
  const names = fixes.map((f) => f.name).join(', ');
  throw new AuditRaceError('USAGE', `Unknown fix "${name}". Expected one of: ${names}.`);
}
