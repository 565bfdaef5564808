// The counted phrases every report shares, so the text, Markdown and JUnit outputs agree word
// for word: a count with its noun in the right number, and a counterexample's size.
import type { Counterexample } from '../explore/results.ts';

/** "1 event", "2 events", "2 fixes": a count with its noun, singular or plural. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : /(s|x|ch|sh)$/.test(noun) ? 'es' : 's'}`;
}

/** A counterexample's size, beside the scenario as written, as one phrase for every report:
 * "kept 10 of the scenario's 10 events (4 of 4 processes), 60 scheduling decisions", or with late
 * bursts "kept 12 events: the scenario's 10 and 2 late (...)" or "kept 3 of 13 events, the
 * scenario's 11 and 2 late (...)". A run of the exhaustive search
 * (`schedule` set) is not shrunk, so it "emitted" its events rather than kept them. */
export function sizePhrase(c: Pick<Counterexample, 'kept' | 'schedule'>): string {
  const { kept } = c;
  const { events, lateEvents, scenarioEvents } = kept;
  const verb = c.schedule === null ? 'kept' : 'emitted';
  let what: string;
  if (lateEvents === 0) {
    what = `${verb} ${events} of the scenario's ${count(scenarioEvents, 'event')}`;
  } else {
    // "of" when the run emitted fewer than its bursts hold (some fell after the drain).
    const written = `the scenario's ${scenarioEvents} and ${lateEvents} late`;
    what =
      events === scenarioEvents + lateEvents
        ? `${verb} ${count(events, 'event')}: ${written}`
        : `${verb} ${events} of ${scenarioEvents + lateEvents} events, ${written}`;
  }
  return (
    `${what} (${kept.processes} of ${count(kept.scenarioProcesses, 'process')}), ` +
    `${count(kept.decisions, 'scheduling decision')}`
  );
}
