// A run as swimlanes, before any pixels: one lane per actor (DataStorage, and per process its
// teardown goroutine, its audit writer and its reconcilers) and the marks each lane carries, in
// virtual ms. The SVG renderer draws this; tests can check it without parsing SVG.
import type { Finding } from '../explore/run.ts';
import type { History, LogLine } from '../model/history.ts';
import { STORE_LOGGER } from '../model/logger.ts';
import type { Lane, LaneKind, Mark } from './swimlane-marks.ts';

export type { Lane, LaneKind, Mark } from './swimlane-marks.ts';
export { endOf, startOf } from './swimlane-marks.ts';

export interface Swimlanes {
  readonly startUtcMs: number;
  readonly endMs: number;
  readonly lanes: readonly Lane[];
  readonly marks: readonly Mark[];
  /** When the first DataStorage stop began, if any. */
  readonly stoppedAtMs: number | null;
}

const DATASTORAGE = 'datastorage';
const laneId = (process: number, kind: LaneKind) => `p${process}.${kind}`;

/** The lane a log line belongs to: the writer's retries, or the process's teardown. */
function logLane(log: LogLine): string {
  const fromWriter =
    log.logger === STORE_LOGGER &&
    (log.message.startsWith('Failed to write') || log.message.startsWith('AUDIT DATA LOSS'));
  return laneId(log.process, fromWriter ? 'writer' : 'teardown');
}

/** Goroutines are named `p<process>.<role>`; each role has its lane. */
function goroutineLane(process: number, goroutine: string): string {
  if (goroutine.endsWith('.audit-writer')) return laneId(process, 'writer');
  if (goroutine.endsWith('.reconciler')) return laneId(process, 'reconcilers');
  return laneId(process, 'teardown');
}

const VERDICT_LANES: Readonly<Record<string, LaneKind>> = {
  'no-write-after-stop': 'writer',
  'no-write-after-close': 'writer',
  'writer-exits': 'writer',
};

function findingLane(history: History, finding: Finding): string {
  const p = finding.process;
  if (p === null) return DATASTORAGE;
  if (finding.verdict === 'no-panic') {
    const panic = history.panics.find((x) => x.process === p && x.atMs === finding.atMs);
    if (panic !== undefined) return goroutineLane(p, panic.goroutine);
  }
  if (finding.verdict === 'clean-teardown-logs') {
    const log = history.logs.find(
      (l) => l.process === p && l.atMs === finding.atMs && l.level === 'ERROR',
    );
    if (log !== undefined) return logLane(log);
  }
  return laneId(p, VERDICT_LANES[finding.verdict] ?? 'teardown');
}

function attemptMarks(history: History, end: number): Mark[] {
  const marks: Mark[] = [];
  const previous = new Map<string, { endMs: number | null }>();
  for (const a of history.attempts) {
    const lane = laneId(a.process, 'writer');
    const key = `${a.process}/${a.batchId}`;
    const before = previous.get(key);
    if (before !== undefined && a.attempt > 1) {
      const startMs = before.endMs ?? a.startMs;
      if (a.startMs > startMs) marks.push({ kind: 'backoff', lane, startMs, endMs: a.startMs });
    }
    previous.set(key, a);
    const { batchId, attempt, result, startMs } = a;
    const endMs = a.endMs ?? end;
    const events = a.eventIds.length;
    marks.push({ kind: 'attempt', lane, startMs, endMs, result, batchId, attempt, events });
    marks.push({
      kind: 'attempt',
      lane: DATASTORAGE,
      startMs,
      endMs,
      result,
      batchId,
      attempt,
      events,
    });
  }
  return marks;
}

function violationMarks(history: History, findings: readonly Finding[]): Mark[] {
  const numbers = new Map<string, number>();
  const sorted = [...findings].sort((a, b) => a.atMs - b.atMs);
  return sorted.map((f) => {
    const first = !numbers.has(f.verdict);
    if (first) numbers.set(f.verdict, numbers.size + 1);
    const lane = findingLane(history, f);
    const number = numbers.get(f.verdict)!;
    return {
      kind: 'violation',
      lane,
      atMs: f.atMs,
      verdict: f.verdict,
      message: f.message,
      number,
      first,
    };
  });
}

/** Lays a run out as lanes and marks. */
export function swimlanes(history: History, findings: readonly Finding[]): Swimlanes {
  const end = history.endMs;
  const marks: Mark[] = [];
  const stoppedAtMs = history.backendStoppedAtMs;

  for (const s of history.teardownSteps) {
    marks.push({
      kind: 'step',
      lane: laneId(s.process, 'teardown'),
      startMs: s.startMs,
      endMs: s.endMs ?? end,
      label: s.step,
    });
  }
  for (const c of history.calls) {
    if (c.call === 'storeAudit') {
      marks.push({
        kind: 'event',
        lane: laneId(c.process, 'reconcilers'),
        atMs: c.startMs,
        outcome: c.outcome,
      });
      continue;
    }
    marks.push({
      kind: 'call',
      lane: laneId(c.process, 'teardown'),
      call: c.call,
      startMs: c.startMs,
      endMs: c.endMs,
      outcome: c.outcome,
      error: c.error,
    });
  }
  for (const w of history.writers) {
    marks.push({
      kind: 'alive',
      lane: laneId(w.process, 'writer'),
      startMs: w.startedMs,
      endMs: w.exitedMs ?? end,
      exited: w.exitedMs !== null,
    });
  }
  marks.push(...attemptMarks(history, end));
  for (const p of history.panics) {
    marks.push({
      kind: 'panic',
      lane: goroutineLane(p.process, p.goroutine),
      atMs: p.atMs,
      message: `${p.goroutine}: ${p.message}`,
    });
  }
  for (const log of history.logs.filter((l) => l.level === 'ERROR')) {
    marks.push({ kind: 'error-log', lane: logLane(log), atMs: log.atMs, message: log.message });
  }
  marks.push({
    kind: 'backend',
    lane: DATASTORAGE,
    startMs: 0,
    endMs: stoppedAtMs ?? end,
    state: 'up',
  });
  if (stoppedAtMs !== null) {
    marks.push({
      kind: 'backend',
      lane: DATASTORAGE,
      startMs: stoppedAtMs,
      endMs: end,
      state: 'stopped',
    });
    marks.push({ kind: 'stop', lane: DATASTORAGE, atMs: stoppedAtMs });
  }
  marks.push(...violationMarks(history, findings));

  return { startUtcMs: history.startUtcMs, endMs: end, lanes: lanesOf(marks), marks, stoppedAtMs };
}

const KIND_ORDER: readonly LaneKind[] = ['teardown', 'writer', 'reconcilers'];
const KIND_LABEL: Readonly<Record<LaneKind, string>> = {
  datastorage: 'DataStorage',
  teardown: 'teardown',
  writer: 'audit writer',
  reconcilers: 'reconcilers',
};

/** DataStorage first, then per process (ascending) its teardown, writer and reconcilers. */
function lanesOf(marks: readonly Mark[]): Lane[] {
  const processes = new Set<number>();
  const used = new Set(marks.map((m) => m.lane));
  for (const id of used) {
    const match = /^p(\d+)\./.exec(id);
    if (match !== null) processes.add(Number(match[1]));
  }
  const lanes: Lane[] = [
    { id: DATASTORAGE, kind: 'datastorage', process: null, label: KIND_LABEL.datastorage },
  ];
  for (const p of [...processes].sort((a, b) => a - b)) {
    for (const kind of KIND_ORDER) {
      const id = laneId(p, kind);
      if (kind !== 'teardown' && !used.has(id)) continue;
      lanes.push({ id, kind, process: p, label: `p${p} ${KIND_LABEL[kind]}` });
    }
  }
  return lanes;
}
