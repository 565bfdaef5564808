// Virtual milliseconds as the UTC timestamps the CI logs print.

/** `2026-01-04T17:44:20.400Z` for virtual time `atMs` of a run that starts at `startUtcMs`. */
export function utc(startUtcMs: number, atMs: number): string {
  return new Date(startUtcMs + atMs).toISOString();
}

/** Seconds with one decimal for durations in tables: 1712 -> "1.7 s". */
export function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}

/** "1 event", "2 events", "2 fixes": a count with its noun, singular or plural. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : /(s|x|ch|sh)$/.test(noun) ? 'es' : 's'}`;
}

/** What a shrunk counterexample kept, as one phrase for every report. */
export function keptPhrase(kept: {
  readonly events: number;
  readonly processes: number;
  readonly decisions: number;
}): string {
  const { events, processes, decisions } = kept;
  return (
    `kept ${count(events, 'event')} in ${count(processes, 'process')}, ` +
    `${count(decisions, 'scheduling decision')}`
  );
}
