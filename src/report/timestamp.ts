// Virtual milliseconds as the UTC timestamps the CI logs print, and as the seconds of tables.

/** `2026-01-04T17:44:20.400Z` for virtual time `atMs` of a run that starts at `startUtcMs`. */
export function utc(startUtcMs: number, atMs: number): string {
  return new Date(startUtcMs + atMs).toISOString();
}

/** Seconds with one decimal for durations in tables: 1712 -> "1.7 s". */
export function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}
