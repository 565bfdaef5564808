// A writer goroutine still running when the suite ends is a leak: it may still hold events, and
// in a real process it would keep retrying against a backend that is gone.
import type { Property } from './property.ts';

/** One violation per writer goroutine that had not exited by `history.endMs`. */
export const writerExits: Property = {
  id: 'writer-exits',
  holdsWhen: 'every writer goroutine has exited by the end of the run',
  check: (history) =>
    history.writers
      .filter((writer) => writer.exitedMs === null)
      .map((writer) => ({
        property: 'writer-exits',
        atMs: history.endMs,
        process: writer.process,
        message:
          `the writer of process ${writer.process}, started at ${writer.startedMs} ms, was ` +
          `still running when the run ended at ${history.endMs} ms`,
      })),
};
