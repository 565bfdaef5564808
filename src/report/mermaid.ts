// A run as a Mermaid sequenceDiagram, the picture that renders inside a Markdown report where
// teams review code: each process's teardown and its store (with the writer) talk to DataStorage;
// repetitive lines are collapsed and violations are red notes where they happen.
import type { Finding } from '../explore/run.ts';
import type { History } from '../model/history.ts';
import { utc } from './timestamp.ts';

export interface MermaidOptions {
  /** Messages and notes kept at most (default 60); the rest is cut around the first violation. */
  readonly maxLines?: number;
}

/** One line of the diagram before collapsing; items with equal `key` in a row merge into one. */
interface Item {
  readonly atMs: number;
  readonly key: string;
  /** The line for a group of items with this key, first to last. */
  readonly render: (group: readonly Item[]) => string;
  readonly detail: string;
  readonly lane: string;
}

const clock = (history: History, ms: number) => utc(history.startUtcMs, ms).slice(11, 23);

/** Text Mermaid reads literally: no statement breaks, entity codes, comments or HTML. */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/;/g, ',')
    .replace(/#/g, 'no. ')
    .replace(/%%/g, '%')
    .replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›'))
    .replace(/"/g, "'");
}

function span(history: History, group: readonly Item[]): string {
  const [first, last] = [group[0]!, group.at(-1)!];
  const from = clock(history, first.atMs);
  return first.atMs === last.atMs ? from : `${from}-${clock(history, last.atMs).slice(6)}`;
}

function single(from: string, arrow: string, to: string, text: string) {
  return () => `${from}${arrow}${to}: ${mermaidText(text)}`;
}

function callItems(history: History): Item[] {
  const items: Item[] = [];
  for (const c of history.calls) {
    const [t, w] = [`T${c.process}`, `W${c.process}`];
    if (c.call === 'storeAudit') {
      const failed =
        c.outcome === 'failed'
          ? ` (${c.error})`
          : c.outcome === 'unknown'
            ? ' (never returned)'
            : '';
      items.push({
        atMs: c.startMs,
        key: `audit/${c.process}/${c.outcome}`,
        detail: failed,
        lane: w,
        render: (g) =>
          `Note right of ${w}: ${span(history, g)} StoreAudit x${g.length}${mermaidText(failed)}`,
      });
      continue;
    }
    const name = c.call === 'close' ? 'Close()' : `Flush(${(c.timeoutMs ?? 0) / 1_000} s)`;
    const text = `${clock(history, c.startMs)} ${name}`;
    items.push({
      atMs: c.startMs,
      key: `call/${c.id}`,
      detail: '',
      lane: t,
      render: single(t, '->>', w, text),
    });
    if (c.endMs === null) continue;
    const reply = `${clock(history, c.endMs)} ${name} returns ${c.error ?? 'nil'}`;
    items.push({
      atMs: c.endMs,
      key: `reply/${c.id}`,
      detail: '',
      lane: t,
      render: single(w, '-->>', t, reply),
    });
  }
  return items;
}

function attemptItems(history: History): Item[] {
  return history.attempts.map((a) => {
    const w = `W${a.process}`;
    const ok = a.result === 'ok';
    const key = ok ? `ok/${a.process}` : `attempt/${a.process}/${a.batchId}/${a.result}`;
    const render = (g: readonly Item[]): string => {
      const [first, last] = [g[0]!.detail, g.at(-1)!.detail];
      const range = g.length === 1 ? first : `${first}-${last}`;
      const text = ok
        ? `${g.length === 1 ? 'batch' : 'batches'} ${range} written`
        : `batch ${a.batchId} ${g.length === 1 ? 'attempt' : 'attempts'} ${range}: ${a.result}`;
      return `${w}${ok ? '->>' : '-x'}DS: ${span(history, g)} ${mermaidText(text)}`;
    };
    const detail = String(ok ? a.batchId : a.attempt);
    return { atMs: a.startMs, key, detail, lane: w, render };
  });
}

function otherItems(history: History): Item[] {
  const items: Item[] = [];
  let stopped = false;
  for (const s of history.teardownSteps) {
    const t = `T${s.process}`;
    if (s.step === 'close' || s.step.startsWith('flush')) continue;
    if (s.step === 'stopDataStorage') {
      const again = stopped ? ' (already gone)' : '';
      const text = `${clock(history, s.startMs)} stop DataStorage${again}`;
      stopped = true;
      items.push({
        atMs: s.startMs,
        key: `stop/${s.process}`,
        detail: '',
        lane: t,
        render: single(t, '->>', 'DS', text),
      });
      continue;
    }
    items.push({
      atMs: s.startMs,
      key: `steps/${s.process}`,
      detail: s.step,
      lane: t,
      render: (g) =>
        `Note over ${t}: ${span(history, g)} ${mermaidText(g.map((i) => i.detail).join(', '))}`,
    });
  }
  for (const p of history.panics) {
    const text = `${clock(history, p.atMs)} panic in ${p.goroutine}: ${p.message}`;
    items.push({
      atMs: p.atMs,
      key: `panic/${p.atMs}/${p.goroutine}`,
      detail: '',
      lane: `T${p.process}`,
      render: () => `Note over T${p.process},W${p.process}: ${mermaidText(text)}`,
    });
  }
  return items;
}

/** A long text as Mermaid note lines of about `width` characters. */
function wrap(text: string, width = 64): string {
  const lines: string[] = [];
  for (const word of mermaidText(text).split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('<br/>');
}

function violationNote(finding: Finding, count: number): string[] {
  const p = finding.process;
  const over =
    p === null ? 'T1,DS' : finding.verdict.includes('write') ? `W${p},DS` : `T${p},W${p}`;
  const times = count > 1 ? ` (x${count})` : '';
  return [
    'rect rgb(255, 221, 221)',
    `Note over ${over}: VIOLATED ${finding.verdict}${times}:<br/>${wrap(finding.message)}`,
    'end',
  ];
}

/** The diagram body as blocks (a line, or a violation note in its red box), in time order. */
function bodyBlocks(history: History, findings: readonly Finding[]) {
  const items = [...callItems(history), ...attemptItems(history), ...otherItems(history)];
  const order = new Map(items.map((item, i) => [item, i]));
  items.sort((a, b) => a.atMs - b.atMs || order.get(a)! - order.get(b)!);

  const groups: Item[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last !== undefined && last[0]!.key === item.key) last.push(item);
    else groups.push([item]);
  }

  const blocks: string[][] = [];
  let firstViolation = -1;
  const pending = [...findings].sort((a, b) => a.atMs - b.atMs);
  groups.forEach((group, i) => {
    blocks.push([group[0]!.render(group)]);
    const nextMs = groups[i + 1]?.[0]!.atMs ?? Number.POSITIVE_INFINITY;
    const due = pending.filter((f) => f.atMs < nextMs);
    pending.splice(0, due.length);
    for (const verdict of new Set(due.map((f) => f.verdict))) {
      const same = due.filter((f) => f.verdict === verdict);
      if (firstViolation === -1) firstViolation = blocks.length;
      blocks.push(violationNote(same[0]!, same.length));
    }
  });
  return { blocks, firstViolation: Math.max(firstViolation, 0) };
}

/** At most `max` blocks, cut around the first violation, saying how much was left out. */
function cut(blocks: string[][], firstViolation: number, max: number, over: string): string[][] {
  if (blocks.length <= max) return blocks;
  const room = max - 2;
  const from = Math.max(0, Math.min(firstViolation - Math.floor(room / 3), blocks.length - room));
  const kept = blocks.slice(from, from + room);
  const later = blocks.length - from - kept.length;
  return [
    ...(from > 0 ? [[`Note over ${over}: ${from} earlier lines omitted`]] : []),
    ...kept,
    ...(later > 0 ? [[`Note over ${over}: ${later} later lines omitted`]] : []),
  ];
}

/** The run as a Mermaid `sequenceDiagram`, with at most `maxLines` messages and notes. */
export function runMermaid(
  history: History,
  findings: readonly Finding[],
  options: MermaidOptions = {},
): string {
  const processes = [
    ...new Set([
      ...history.teardownSteps.map((s) => s.process),
      ...history.writers.map((w) => w.process),
      ...history.calls.map((c) => c.process),
    ]),
  ].sort((a, b) => a - b);
  const lines = ['sequenceDiagram'];
  for (const p of processes) {
    lines.push(
      `  participant T${p} as p${p} teardown`,
      `  participant W${p} as p${p} store/writer`,
    );
  }
  lines.push('  participant DS as DataStorage');

  const { blocks, firstViolation } = bodyBlocks(history, findings);
  const over = `T${processes[0] ?? 1},DS`;
  for (const block of cut(blocks, firstViolation, options.maxLines ?? 60, over)) {
    lines.push(...block.map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
