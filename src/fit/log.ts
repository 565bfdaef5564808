// Reading audit-store log lines as CI prints them (zap's console encoder): a UTC timestamp, the
// level, the logger, the message and the JSON fields, separated by tabs. Copied logs often carry
// the fields on the next line, or a CI runner's own timestamp before zap's; both are accepted.

export interface LogRecord {
  /** 1-based line number of the record's first line. */
  readonly line: number;
  /** UTC epoch ms of the printed timestamp. */
  readonly atUtcMs: number;
  /** What the timestamp can tell apart: 1000 for `17:44:20Z`, 1 for `17:44:20.400Z`. */
  readonly resolutionMs: number;
  readonly level: string;
  readonly logger: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface ParsedLog {
  readonly records: readonly LogRecord[];
  /** Lines that were neither a record nor a record's fields (blank lines not counted). */
  readonly skippedLines: number;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/;

/** A printed timestamp as epoch ms and the resolution it was printed with; null if it is none. */
export function parseTimestamp(text: string): { atUtcMs: number; resolutionMs: number } | null {
  const match = TIMESTAMP.exec(text);
  if (match === null) return null;
  const [, base, fraction = '', zone] = match;
  const ms = fraction.slice(0, 3).padEnd(3, '0');
  const atUtcMs = Date.parse(`${base}.${ms}${zone}`);
  if (Number.isNaN(atUtcMs)) return null;
  const resolutionMs = 10 ** Math.max(0, 3 - fraction.length);
  return { atUtcMs, resolutionMs };
}

function parseFields(text: string): Record<string, unknown> | null {
  if (!text.trimStart().startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The record a line starts, without its fields when they stand on the next line. */
function recordStart(text: string, line: number): LogRecord | null {
  const parts = text.split('\t');
  if (parts.length < 4) return null;
  // The last word before the first tab is zap's timestamp; a CI runner may put its own before it.
  const stamp = parseTimestamp(parts[0]!.trim().split(/\s+/).at(-1) ?? '');
  if (stamp === null) return null;
  const [, level = '', logger = '', message = '', ...rest] = parts;
  const fields = parseFields(rest.join('\t')) ?? {};
  return { line, ...stamp, level: level.trim(), logger: logger.trim(), message, fields };
}

/** Every record of a log text, in the order they appear. */
export function parseLog(text: string): ParsedLog {
  const lines = text.split(/\r?\n/);
  const records: LogRecord[] = [];
  let skippedLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const record = recordStart(line, i + 1);
    if (record === null) {
      if (line.trim() !== '') skippedLines++;
      continue;
    }
    const hasFields = line.split('\t').length > 4;
    let next = i + 1;
    while (!hasFields && next < lines.length && lines[next]!.trim() === '') next++;
    const fields = hasFields ? null : parseFields(lines[next] ?? '');
    if (fields !== null) {
      records.push({ ...record, fields });
      i = next;
    } else {
      records.push(record);
    }
  }
  return { records, skippedLines };
}
