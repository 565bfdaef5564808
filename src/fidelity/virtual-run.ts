// A reference run in virtual time: the reference suite and stores under a fake-timers clock,
// DataStorage emulated by undici's MockAgent. Each virtual timer fires only once everything the
// previous one started has settled, so no real time passes and the run is repeatable.
import type { Finding } from '../explore/run.ts';
import { emptyHistory, type History } from '../model/history.ts';
import type { RunSpec } from '../model/suite.ts';
import { EmulatedDataStorage } from './emulated-datastorage.ts';
import { Turns } from './event-loop.ts';
import { checkReferenceKnobs } from './reference-store.ts';
import { ReferenceSuite, type ReferenceEnd } from './reference-suite.ts';
import { findingsOf } from '../check/findings.ts';
import { VirtualClock } from './virtual-clock.ts';

export interface ReferenceRun {
  readonly history: History;
  readonly end: ReferenceEnd;
  readonly findings: readonly Finding[];
}

/** Runs `spec` through the reference store; rejects NOT_MODELLED knobs before it starts. */
export async function runReferenceVirtual(spec: RunSpec): Promise<ReferenceRun> {
  checkReferenceKnobs(spec.store);
  const clock = new VirtualClock();
  const history = emptyHistory(spec.startUtcMs);
  const dataStorage = new EmulatedDataStorage(clock, spec.dataStorage, history.persisted);
  const turns = new Turns();
  const world = { clock, dataStorage, choose: () => 0, yieldTurn: () => turns.yieldTurn() };
  const suite = new ReferenceSuite(spec, world, history);

  suite.start();
  try {
    await advance(suite, clock, spec, turns);
  } finally {
    await dataStorage.close();
  }
  const end = await suite.ended;
  if (end.kind === 'failed') throw end.error;
  return { history, end, findings: findingsOf(history) };
}

/** Fires timers one at a time until the suite ends, nothing is pending, or the time budget. */
async function advance(
  suite: ReferenceSuite,
  clock: VirtualClock,
  spec: RunSpec,
  turns: Turns,
): Promise<void> {
  for (;;) {
    await turns.settle();
    if (suite.isOver) return;
    const nextMs = clock.nextDueMs();
    if (nextMs === null) return suite.stop({ kind: 'stopped', reason: 'quiescent' });
    if (nextMs > spec.budgets.maxVirtualMs) {
      const { maxVirtualMs } = spec.budgets;
      const atMs = clock.nowMs();
      suite.history.budget = { kind: 'virtual-time', limit: maxVirtualMs, atMs, goroutines: [] };
      return suite.stop({ kind: 'stopped', reason: 'virtual-time budget' });
    }
    clock.fireNextInstant();
  }
}
