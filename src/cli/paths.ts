// Where the CLI finds its bundled files, wherever it is started from.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The seed's CI run: the scenario `validate` and `replay` use when none is given. */
export const DEFAULT_SCENARIO = join(
  PACKAGE_ROOT,
  'scenarios',
  'workflowexecution-ci-20696658360.json',
);

/** A path as the user should type it from the current folder. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
