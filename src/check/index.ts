// The one place that knows every property: drivers and reports ask it for the list, look a
// property up by id, or check a whole history, and get violations in a stable order.
import type { History } from '../model/history.ts';
import { cleanTeardownLogs } from './clean-teardown-logs.ts';
import { closeBounded } from './close-bounded.ts';
import { flushBounded } from './flush-bounded.ts';
import { noPanic } from './no-panic.ts';
import { noSilentLoss } from './no-silent-loss.ts';
import { noWriteAfterClose } from './no-write-after-close.ts';
import { noWriteAfterStop } from './no-write-after-stop.ts';
import { PROPERTY_IDS, type Property, type PropertyId, type Violation } from './property.ts';
import { writerExits } from './writer-exits.ts';

const BY_ID: Readonly<Record<PropertyId, Property>> = {
  'no-write-after-stop': noWriteAfterStop,
  'close-bounded': closeBounded,
  'no-write-after-close': noWriteAfterClose,
  'no-silent-loss': noSilentLoss,
  'no-panic': noPanic,
  'flush-bounded': flushBounded,
  'clean-teardown-logs': cleanTeardownLogs,
  'writer-exits': writerExits,
};

/** Every property, in `PROPERTY_IDS` order. */
export const PROPERTIES: readonly Property[] = PROPERTY_IDS.map((id) => BY_ID[id]);

/** The property with this id. */
export function propertyById(id: PropertyId): Property {
  return BY_ID[id];
}

/**
 * Every violation of every property, sorted by `atMs`, then property in `PROPERTY_IDS` order,
 * then process (suite-wide violations first). Ties keep the order the property emitted them,
 * so the same history always gives the same list.
 */
export function checkAll(history: History): Violation[] {
  const violations: Violation[] = [];
  for (const property of PROPERTIES) violations.push(...property.check(history));
  return violations.length > 1 ? violations.sort(compareViolations) : violations;
}

function compareViolations(a: Violation, b: Violation): number {
  return (
    a.atMs - b.atMs ||
    PROPERTY_IDS.indexOf(a.property) - PROPERTY_IDS.indexOf(b.property) ||
    (a.process ?? -1) - (b.process ?? -1)
  );
}
