// Writing a report file the user named (--svg, --report, --junit): a file that cannot be written is
// bad input with a readable message, not an internal error with a stack.
import { writeFileSync } from 'node:fs';
import { AuditRaceError } from '../sim/errors.ts';

export function writeOutputFile(path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AuditRaceError(
      'USAGE',
      `Cannot write ${path}: ${reason}. Check that its folder exists.`,
      {
        cause: error,
      },
    );
  }
}
