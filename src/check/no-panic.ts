// A Go store that sends on a closed channel or closes one twice panics and takes the process
// down; the simulator records the panic instead of dying, and this property surfaces it.
import type { Property } from './property.ts';

/** One violation per recorded panic, at the moment the goroutine panicked. */
export const noPanic: Property = {
  id: 'no-panic',
  holdsWhen: 'no goroutine panicked',
  check: (history) =>
    history.panics.map((panic) => ({
      property: 'no-panic',
      atMs: panic.atMs,
      process: panic.process,
      message:
        `goroutine ${panic.goroutine} of process ${panic.process} panicked at ` +
        `${panic.atMs} ms: ${panic.message}`,
    })),
};
