// docs/json-output.md is the contract of `validate --json`: every field it lists must be in the
// output, and every field of the output must be listed, so the page cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERDICT_IDS } from '../../src/explore/validate.ts';
import { MARK_IDS } from '../../src/model/marks.ts';
import { validateJson } from '../../src/report/json.ts';
import { RESULT, TARGET } from './results.ts';

const DOC = readFileSync(new URL('../../docs/json-output.md', import.meta.url), 'utf8');

/**
 * Field paths like `fixes[].teardownMs.p95`; the keys of `violations` and `coverage` as
 * `<verdict>` and `<mark>`.
 */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => fieldPaths(item, `${prefix}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const name = prefix.endsWith('.violations')
      ? '<verdict>'
      : prefix.endsWith('.coverage')
        ? '<mark>'
        : key;
    const path = prefix === '' ? name : `${prefix}.${name}`;
    return [path, ...fieldPaths(child, path)];
  });
}

/** The first column of the version 1 table; `optional` rows only when asked for. */
function documentedPaths(withOptional: boolean): string[] {
  const section = DOC.slice(
    DOC.indexOf('## `audit-race/validate`, version 1'),
    DOC.indexOf('## `audit-race/sweep`'),
  );
  const rows = [...section.matchAll(/^\|\s*`([^`]+)`\s*\|([^|]*)\|/gm)];
  const optional = rows.filter((m) => m[2]!.includes('optional')).map((m) => m[1]!);
  const isOptional = (path: string) => optional.some((o) => path === o || path.startsWith(`${o}.`));
  return rows.map((m) => m[1]!).filter((path) => withOptional || !isOptional(path));
}

describe('docs/json-output.md', () => {
  const output = JSON.parse(validateJson(RESULT, TARGET)) as Record<string, unknown>;

  it('names the format and version the renderer writes', () => {
    expect(output.format).toBe('audit-race/validate');
    expect(output.version).toBe(1);
    expect(DOC).toContain('## `audit-race/validate`, version 1');
  });

  it('lists exactly the fields of the output, besides those marked optional', () => {
    const produced = [...new Set(fieldPaths(output))].sort();
    expect(produced).toContain('fixes[].counterexamples[].variation.lateBursts[][].count');
    expect(documentedPaths(false).sort()).toEqual(produced);
    expect(documentedPaths(true)).toContain('fixes[].search.complete');
  });

  it('lists every verdict key of violations', () => {
    const fixes = output.fixes as { violations: Record<string, number> }[];
    expect(Object.keys(fixes[0]!.violations)).toEqual([...VERDICT_IDS]);
    for (const verdict of VERDICT_IDS) expect(DOC).toContain(`\`${verdict}\``);
  });

  it('lists every coverage mark key', () => {
    const fixes = output.fixes as { coverage: Record<string, number> }[];
    expect(Object.keys(fixes[0]!.coverage)).toEqual([...MARK_IDS]);
    for (const mark of MARK_IDS) expect(DOC).toContain(`\`${mark}\``);
  });
});
