// Reading a scenario: JSON from a file or an object, checked by the zod schema and by the rules a
// schema cannot say (unique process ids, a known profile). Every problem names the file, the JSON
// path and what was expected, as one AuditRaceError with code SCENARIO_INVALID.
import { readFileSync } from 'node:fs';
import { PROFILES, PROFILE_NAMES } from '../model/profiles.ts';
import { AuditRaceError, fileErrorReason } from '../sim/errors.ts';
import { BUILT_IN_FIXES } from './fixes.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

/** Formats a JSON path the way a user would type it: `processes[0].events[2].atMs`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function invalid(source: string, problems: string[]): AuditRaceError {
  const list = problems.map((p) => `  - ${p}`).join('\n');
  return new AuditRaceError(
    'SCENARIO_INVALID',
    `Invalid scenario ${source}:\n${list}\nSee the scenario format in README.md.`,
  );
}

/** The most events a scenario may emit: beyond it a run no longer fits in seconds or memory. */
export const MAX_EVENTS = 200_000;

function eventCount(bursts: Scenario['processes'][number]['events']): number {
  return bursts.reduce((sum, b) => {
    const repeats =
      b.everyMs === undefined ? 1 : Math.floor(((b.untilMs ?? b.atMs) - b.atMs) / b.everyMs) + 1;
    return sum + b.count * Math.max(repeats, 0);
  }, 0);
}

/** The audit events a scenario as written has: every burst, repeated bursts expanded. */
export function scenarioEventCount(scenario: Scenario): number {
  return scenario.processes.reduce((sum, p) => sum + eventCount(p.events), 0);
}

/** Checks a parsed JSON value; `source` names where it came from in messages. */
export function parseScenario(value: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    throw invalid(
      source,
      parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`),
    );
  }
  const scenario = parsed.data;
  const problems: string[] = [];
  if (PROFILES[scenario.profile] === undefined) {
    problems.push(
      `profile: unknown store profile "${scenario.profile}", ` +
        `expected one of ${PROFILE_NAMES.join(', ')}`,
    );
  }
  const seen = new Set<number>();
  scenario.processes.forEach((p, i) => {
    if (seen.has(p.id)) problems.push(`processes[${i}].id: process ${p.id} appears twice`);
    seen.add(p.id);
  });
  if (!seen.has(1)) problems.push('processes: expected a process with id 1 (Ginkgo process 1)');
  const events = scenarioEventCount(scenario);
  if (events > MAX_EVENTS) {
    problems.push(
      `processes[].events: ${events} events in all, expected at most ${MAX_EVENTS} ` +
        '(a repeating burst with a short everyMs over a long untilMs adds up fast)',
    );
  }
  const fixNames = [...BUILT_IN_FIXES.map((f) => f.name), ...Object.keys(scenario.fixes)];
  if (scenario.expect !== undefined && !fixNames.includes(scenario.expect.fix)) {
    problems.push(
      `expect.fix: unknown fix "${scenario.expect.fix}", expected one of ${fixNames.join(', ')}`,
    );
  }
  if (problems.length > 0) throw invalid(source, problems);
  return deepFreeze(scenario);
}

// Runs cache what they derive from a scenario by its identity (src/scenario/resolve.ts): a
// scenario changed after it was parsed would run with stale bursts, knobs and plan, so none can
// be.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

/** Reads and checks a scenario file. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AuditRaceError(
      'SCENARIO_UNREADABLE',
      `Cannot read scenario ${path}: ${fileErrorReason(error, 'read', 'a scenario JSON file')}.`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseScenario(value, path);
}

export type { Scenario };
