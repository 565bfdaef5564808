// The fixes, as changes to a scenario's own teardown plan and store knobs: the seed's A-D, the
// synchronized DataStorage stop E, A+E, and any fix a scenario file defines. Expressing them as
// transformations lets the same fix apply to every suite's teardown.
import type { StoreKnobs } from '../model/knobs.ts';
import type { TeardownStep } from '../model/teardown.ts';
import { profile } from '../model/profiles.ts';
import { AuditRaceError } from '../sim/errors.ts';
import type { Scenario } from './schema.ts';

export interface Fix {
  readonly name: string;
  readonly summary: string;
  plan(baseline: readonly TeardownStep[]): TeardownStep[];
  readonly store: Partial<StoreKnobs>;
  /** Why the fix cannot apply to this baseline (it has no step to act on), or null. */
  inapplicable(baseline: readonly TeardownStep[]): string | null;
}

/** The WorkflowExecution teardown of 2026-01-04 (plain AfterSuite on every process). */
export const WORKFLOWEXECUTION_JAN04: readonly TeardownStep[] = [
  { step: 'close' },
  { step: 'cancelManager' },
  { step: 'stopEnv' },
  { step: 'stopDataStorage' },
];

/** Inserts `steps` right before (offset 0) or after (offset 1) the plan's first Close. */
function atClose(plan: readonly TeardownStep[], steps: TeardownStep[], offset: 0 | 1) {
  const at = plan.findIndex((s) => s.step === 'close');
  if (at === -1) return [...plan];
  return [...plan.slice(0, at + offset), ...steps, ...plan.slice(at + offset)];
}

/** A fix that acts on a step needs that step at the top level of the teardown. */
function needs(...wanted: TeardownStep['step'][]) {
  return (baseline: readonly TeardownStep[]): string | null => {
    const missing = wanted.filter((w) => !baseline.some((s) => s.step === w));
    if (missing.length === 0) return null;
    return `the teardown has no top-level ${missing.join(' or ')} step to act on`;
  };
}

const always = () => null;

/** E: every process runs the plan without the DataStorage stop; process 1 stops it at the end. */
function synchronizeStop(plan: readonly TeardownStep[]): TeardownStep[] {
  if (plan.some((s) => s.step === 'synchronized')) return [...plan];
  const rest = plan.filter((s) => s.step !== 'stopDataStorage');
  return [...rest, { step: 'synchronized' }, { step: 'stopDataStorage' }];
}

const flushFirst = (plan: readonly TeardownStep[]) =>
  atClose(plan, [{ step: 'flush', timeoutMs: 10_000 }], 0);

export const BUILT_IN_FIXES: readonly Fix[] = [
  {
    name: 'baseline',
    summary: "the scenario's own teardown",
    plan: (p) => [...p],
    store: {},
    inapplicable: always,
  },
  {
    name: 'A',
    summary: 'Flush(10 s) before Close',
    plan: flushFirst,
    store: {},
    inapplicable: needs('close'),
  },
  {
    name: 'B',
    summary: 'ignore errors from Close',
    plan: (p) => atClose(p, [{ step: 'ignoreCloseError' }], 0),
    store: {},
    inapplicable: needs('close'),
  },
  {
    name: 'C',
    summary: 'no retries once the store is closed',
    plan: (p) => [...p],
    store: { failFastWhenClosed: true },
    inapplicable: needs('close'),
  },
  {
    name: 'D',
    summary: 'sleep 2 s after Close',
    plan: (p) => atClose(p, [{ step: 'sleep', ms: 2_000 }], 1),
    store: {},
    inapplicable: needs('close'),
  },
  {
    name: 'E',
    summary: 'DataStorage stopped once, on process 1, after every process finished',
    plan: synchronizeStop,
    store: {},
    inapplicable: needs('stopDataStorage'),
  },
  {
    name: 'A+E',
    summary: 'Flush(10 s) before Close, and the synchronized stop',
    plan: (p) => synchronizeStop(flushFirst(p)),
    store: {},
    inapplicable: needs('close', 'stopDataStorage'),
  },
];

// One Fix object per scenario and name, whoever asks: runs cache their fixed parts by it.
const fixesOf = new WeakMap<Scenario, readonly Fix[]>();

/** Every fix a scenario names: the built-in ones, then the scenario's own. */
function allFixes(scenario: Scenario): readonly Fix[] {
  let fixes = fixesOf.get(scenario);
  if (fixes === undefined) fixesOf.set(scenario, (fixes = buildFixes(scenario)));
  return fixes;
}

function buildFixes(scenario: Scenario): Fix[] {
  const own = Object.entries(scenario.fixes).map(([name, fix]): Fix => ({
    name,
    summary: fix.summary,
    plan: (baseline) => [...(fix.plan ?? baseline)],
    store: fix.store,
    inapplicable: always,
  }));
  const ownNames = new Set(own.map((f) => f.name));
  return [...BUILT_IN_FIXES.filter((f) => !ownNames.has(f.name)), ...own];
}

/** The fixes that apply to a scenario's teardown (validate runs these by default). */
export function fixesFor(scenario: Scenario): Fix[] {
  return allFixes(scenario).filter((f) => f.inapplicable(baselinePlan(scenario)) === null);
}

/** The fixes left out for a scenario, each with the reason. */
export function inapplicableFixes(scenario: Scenario): { fix: string; reason: string }[] {
  return allFixes(scenario).flatMap((f) => {
    const reason = f.inapplicable(baselinePlan(scenario));
    return reason === null ? [] : [{ fix: f.name, reason }];
  });
}

/** A fix by name; an unknown one, or one with nothing to act on in this teardown, is an error. */
export function findFix(scenario: Scenario, name: string): Fix {
  const fix = allFixes(scenario).find((f) => f.name === name);
  if (fix === undefined) {
    const names = allFixes(scenario)
      .map((f) => f.name)
      .join(', ');
    throw new AuditRaceError('USAGE', `Unknown fix "${name}". Expected one of: ${names}.`);
  }
  const reason = fix.inapplicable(baselinePlan(scenario));
  if (reason !== null) {
    throw new AuditRaceError(
      'USAGE',
      `Fix ${name} (${fix.summary}) does not apply to scenario ${scenario.name}: ${reason}.`,
    );
  }
  return fix;
}

/** The scenario's own teardown, or the seed's WorkflowExecution teardown when it names none. */
export function baselinePlan(scenario: Scenario): readonly TeardownStep[] {
  return scenario.teardown ?? WORKFLOWEXECUTION_JAN04;
}

/** The scenario with another store profile; an unknown name is a usage error. */
export function withProfile(scenario: Scenario, name: string): Scenario {
  profile(name);
  return { ...scenario, profile: name };
}
