// Runs the audit-race CLI as a user does, in a child process from the repository root, so the
// tests see exactly its stdout, stderr and exit code. Asynchronous, so tests can run concurrently.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const SEED_SCENARIO_ARG = 'scenarios/workflowexecution-ci-20696658360.json';

/** How long one CLI run may take before the test fails instead of hanging. */
const TIMEOUT_MS = 60_000;

export interface CliRun {
  /** The exit code; null when the process was killed (for example by the timeout). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `audit-race <args>`, through tsx as bin/audit-race.js runs it. */
export function cli(args: readonly string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: TIMEOUT_MS,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The arguments of a command line that validate printed (`npx audit-race replay ...`). The
 * printed commands quote nothing: case codes are base64url and fix names have no spaces.
 */
export function argsOfPrinted(command: string): string[] {
  const prefix = 'npx audit-race ';
  if (!command.startsWith(prefix)) throw new Error(`not an audit-race command: ${command}`);
  return command.slice(prefix.length).split(' ');
}

/** A Node stack frame, which no message for bad input may show. */
export const STACK_FRAME = '    at ';
