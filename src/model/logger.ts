// Log lines of the simulated suite, in the fields the CI logs carry (zap's console encoder).
import type { History, LogLevel } from './history.ts';

export const STORE_LOGGER = 'audit.audit-store';
export const SUITE_LOGGER = 'suite';

export class Logger {
  constructor(
    private readonly history: History,
    private readonly now: () => number,
    private readonly process: number,
    private readonly name: string,
  ) {}

  log(level: LogLevel, message: string, fields: Record<string, string | number | boolean> = {}) {
    this.history.logs.push({
      atMs: this.now(),
      seq: this.history.recorded++,
      process: this.process,
      level,
      logger: this.name,
      message,
      fields,
    });
  }
}
