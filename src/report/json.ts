// The validate result as JSON for machines: a documented, versioned envelope around the same data
// the text renderers use. Bump VALIDATE_JSON_VERSION on any change that removes or renames a field.
import type { ValidateResult } from '../explore/validate.ts';
import { replayCommand, type ReplayTarget } from './matrix.ts';

export const VALIDATE_JSON_VERSION = 1;

export function validateJson(result: ValidateResult, target: ReplayTarget): string {
  const fixes = result.fixes.map((fix) => ({
    ...fix,
    counterexamples: fix.counterexamples.map((c) => ({ ...c, replay: replayCommand(c, target) })),
  }));
  const document = {
    format: 'audit-race/validate',
    version: VALIDATE_JSON_VERSION,
    ...result,
    fixes,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
