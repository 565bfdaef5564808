// Drawing the marks of a swimlane picture as SVG elements: colours, the shape of each mark, the
// violation badges and the legend. svg.ts lays out the page around them.
import type { AttemptResult } from '../model/history.ts';
import { endOf, startOf, type Lane, type Mark, type Swimlanes } from './swimlane.ts';
import type { TimeScale } from './time-scale.ts';

/** The one colour nothing but a violation uses, so a reader (and a test) can find them. */
export const VIOLATION_COLOR = '#e41a1c';

export const ATTEMPT_COLORS: Readonly<Record<AttemptResult, string>> = {
  ok: '#2ca02c',
  refused: '#ff7f0e',
  reset: '#e377c2',
  timeout: '#9467bd',
  cancelled: '#9467bd',
  deadline: '#9467bd',
  'status-5xx': '#8c564b',
  'status-4xx': '#8c564b',
  'status-401': '#8c564b',
  'status-403': '#8c564b',
  'in-flight': '#7f7f7f',
};

export const CALL_COLORS = { close: '#1f77b4', flush: '#17becf' } as const;
export const ERROR_LOG_COLOR = '#a0522d';
export const LABEL_W = 150;
export const RIGHT_W = 24;
export const TOP_H = 62;
export const LANE_H = 30;
export const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

export const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const r1 = (n: number) => Math.round(n * 10) / 10;
export const textWidth = (text: string, fontPx: number) => text.length * fontPx * 0.6;
export const utcLabel = (startUtcMs: number, ms: number) =>
  new Date(startUtcMs + ms).toISOString().slice(11, 23);

export type Attrs = Readonly<Record<string, string | number | undefined>>;

/** An SVG element from its attributes (numbers to tenths); `tip` becomes its hover text. */
export function el(tag: string, attrs: Attrs, tip = '', body = ''): string {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${typeof v === 'number' ? r1(v) : esc(v!)}"`)
    .join(' ');
  const inner = (tip === '' ? '' : `<title>${esc(tip)}</title>`) + body;
  return inner === '' ? `<${tag} ${list}/>` : `<${tag} ${list}>${inner}</${tag}>`;
}

export function rect(x: number, y: number, w: number, h: number, attrs: Attrs, tip = ''): string {
  return el('rect', { x, y, width: Math.max(w, 0), height: h, ...attrs }, tip);
}

export function text(x: number, y: number, body: string, attrs: Attrs = {}): string {
  return el('text', { x, y, ...attrs }, '', esc(body));
}

const hline = (x: number, y: number, w: number, attrs: Attrs) =>
  el('line', { x1: x, y1: y, x2: x + w, y2: y, ...attrs });

/** White outline behind text drawn over marks. */
export const HALO = { 'paint-order': 'stroke', stroke: '#fff', 'stroke-width': 3 } as const;
const BOLD = { 'font-weight': 'bold' } as const;

/** One mark inside its lane, whose top edge is at `y`. Violations are drawn apart, on top. */
export function drawMark(m: Mark, s: TimeScale, y: number, lanes: Swimlanes): string {
  const tip = (t: string) => `${utcLabel(lanes.startUtcMs, startOf(m))} ${t}`;
  const span = () => {
    const x = s.x(startOf(m));
    return [x, Math.max(s.x(endOf(m)) - x, 3)] as const;
  };
  switch (m.kind) {
    case 'step': {
      const [x, w] = span();
      const fits = w > textWidth(m.label, 8) + 4;
      const label = fits ? text(x + 2, y + 10, m.label, { 'font-size': 8 }) : '';
      return rect(x, y + 3, w, 9, { fill: '#e6e6e6', stroke: '#b0b0b0' }, tip(m.label)) + label;
    }
    case 'call': {
      const x = s.x(m.startMs);
      const w = Math.max(s.x(m.endMs ?? lanes.endMs) - x, 4);
      const edge = m.outcome === 'failed' ? { stroke: '#000', 'stroke-width': 1.5 } : {};
      const what = `${m.call === 'close' ? 'Close()' : 'Flush()'}: ${m.error ?? m.outcome}`;
      return rect(
        x,
        y + 15,
        w,
        11,
        { class: 'call', fill: CALL_COLORS[m.call], ...edge },
        tip(what),
      );
    }
    case 'attempt': {
      const [x, w] = span();
      const fill = ATTEMPT_COLORS[m.result];
      const what = `batch ${m.batchId} attempt ${m.attempt} (${m.events} events): ${m.result}`;
      if (m.lane === 'datastorage') return rect(x, y + 21, Math.max(w, 3), 7, { fill }, tip(what));
      const label = text(x, y + 7, String(m.attempt), { 'font-size': 8, fill: '#444' });
      return rect(x, y + 9, Math.max(w, 5), 13, { class: 'attempt', fill }, tip(what)) + label;
    }
    case 'backoff': {
      const [x, w] = span();
      return hline(x, y + 15, w, { stroke: '#888', 'stroke-dasharray': '3 3' });
    }
    case 'alive': {
      const [x, w] = span();
      const line = hline(x, y + 15, w, { stroke: '#c8c8c8', 'stroke-width': 2 });
      if (!m.exited) return line;
      return line + rect(x + w - 1, y + 8, 2, 14, { fill: '#555' }, tip('writer exited'));
    }
    case 'event': {
      const fill = m.outcome === 'ok' ? '#555' : '#fff';
      const attrs = { cx: s.x(m.atMs), cy: y + 15, r: 2.5, fill, stroke: '#555' };
      return el('circle', attrs, tip(`StoreAudit: ${m.outcome}`));
    }
    case 'panic': {
      const x = r1(s.x(m.atMs));
      const d = `M${x - 5} ${y + 10}l10 10m0 -10l-10 10`;
      const attrs = { class: 'panic', d, stroke: '#000', 'stroke-width': 2.5 };
      return el('path', attrs, tip(`panic: ${m.message}`));
    }
    case 'error-log': {
      const d = `M${r1(s.x(m.atMs)) - 3.5} ${y + 29}h7l-3.5 -5z`;
      return el('path', { d, fill: ERROR_LOG_COLOR }, tip(`ERROR ${m.message}`));
    }
    case 'backend': {
      const [x, w] = span();
      const up = m.state === 'up';
      const fill = up ? { fill: '#cfe8cf' } : { fill: 'url(#stopped)', stroke: '#999' };
      return rect(x, y + 6, w, 13, fill, up ? 'DataStorage up' : 'DataStorage stopped');
    }
    case 'stop':
    case 'violation':
      return '';
  }
}

export function drawLane(
  lane: Lane,
  index: number,
  y: number,
  width: number,
  marks: string[],
): string {
  const shade = index === 0 ? '#eef7ee' : (lane.process ?? 0) % 2 === 0 ? '#fafafa' : '#f0f4f8';
  const weight = lane.kind === 'teardown' ? BOLD : {};
  const label = { class: 'lane-label', 'font-size': 11, fill: '#222', ...weight };
  const inner = [
    rect(0, y, width, LANE_H, { fill: shade }),
    hline(0, y + LANE_H, width, { stroke: '#ddd' }),
    text(8, y + 19, lane.label, label),
    ...marks,
  ];
  return el('g', { class: 'lane', 'data-lane': lane.id }, '', inner.join(''));
}

type Violation = Extract<Mark, { kind: 'violation' }>;

/**
 * Violation marks on top of everything: a ring around the very spot of every finding, and for the
 * first finding of each verdict a numbered badge with its name just after it (badges of findings
 * at the same spot stand side by side).
 */
export function drawViolations(
  violations: readonly Violation[],
  x: (m: Violation) => number,
  laneTop: (m: Violation) => number,
): string {
  const out: string[] = [];
  const red = { fill: VIOLATION_COLOR };
  for (const m of violations) {
    const ring = { cx: x(m), cy: laneTop(m) + 15, r: 6, fill: 'none' };
    const stroke = { stroke: VIOLATION_COLOR, 'stroke-width': 2.5 };
    const tip = `${m.verdict}: ${m.message}`;
    out.push(
      el(
        'g',
        { class: 'violation-ring', 'data-verdict': m.verdict },
        tip,
        el('circle', { ...ring, ...stroke }),
      ),
    );
  }
  const groups = new Map<string, Violation[]>();
  for (const m of violations.filter((v) => v.first)) {
    const key = `${laneTop(m)}/${Math.round(x(m) / 12)}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  for (const group of groups.values()) {
    const [cx, cy] = [x(group[0]!), laneTop(group[0]!) + 15];
    group.forEach((m, i) => {
      const bx = cx + 17 + i * 20;
      const badge = el('circle', { class: 'violation-badge', cx: bx, cy, r: 9, ...red });
      const number = { 'font-size': 11, ...BOLD, fill: '#fff', 'text-anchor': 'middle' };
      const attrs = { class: 'violation', 'data-verdict': m.verdict, 'data-number': m.number };
      const tip = `${m.verdict}: ${m.message}`;
      out.push(el('g', attrs, tip, badge + text(bx, cy + 4, String(m.number), number)));
    });
    const label = group.map((m) => m.verdict).join(' + ');
    const lx = cx + 17 + (group.length - 1) * 20 + 12;
    out.push(text(lx, cy - 5, label, { 'font-size': 11, ...BOLD, ...red, ...HALO }));
  }
  return out.join('');
}

const LEGEND: readonly [string, Attrs][] = [
  ['attempt ok', { fill: ATTEMPT_COLORS.ok }],
  ['attempt refused', { fill: ATTEMPT_COLORS.refused }],
  ['attempt reset', { fill: ATTEMPT_COLORS.reset }],
  ['attempt timed out / cancelled', { fill: ATTEMPT_COLORS.timeout }],
  ['attempt HTTP error', { fill: ATTEMPT_COLORS['status-5xx'] }],
  ['Close() call', { fill: CALL_COLORS.close }],
  ['Flush() call', { fill: CALL_COLORS.flush }],
  ['teardown step', { fill: '#e6e6e6', stroke: '#b0b0b0' }],
  ['DataStorage up', { fill: '#cfe8cf' }],
  ['DataStorage stopped', { fill: 'url(#stopped)', stroke: '#999' }],
  ['ERROR log line', { fill: ERROR_LOG_COLOR }],
];

/** The legend from `y` down, wrapped to `width`; returns it and its height. */
export function drawLegend(y: number, width: number): [string, number] {
  const items: [string, string][] = [
    ...LEGEND.map(([label, fill]): [string, string] => [label, rect(0, -9, 14, 10, fill)]),
    ['StoreAudit (hollow: error)', el('circle', { cx: 7, cy: -4, r: 2.5, fill: '#555' })],
    ['panic', el('path', { d: 'M2 -9l10 10m0 -10l-10 10', stroke: '#000', 'stroke-width': 2.5 })],
    ['backoff sleep', hline(0, -4, 14, { stroke: '#888', 'stroke-dasharray': '3 3' })],
    ['violation', el('circle', { cx: 7, cy: -4, r: 6, fill: VIOLATION_COLOR })],
  ];
  const parts: string[] = [];
  let [x, row] = [LABEL_W, 0];
  for (const [label, swatch] of items) {
    const w = 22 + textWidth(label, 10) + 18;
    if (x + w > width - RIGHT_W) [x, row] = [LABEL_W, row + 1];
    const at = { transform: `translate(${r1(x)} ${y + row * 18})` };
    parts.push(el('g', at, '', swatch + text(20, 0, label, { 'font-size': 10 })));
    x += w;
  }
  const title = text(8, y, 'Legend', { 'font-size': 11, ...BOLD });
  return [el('g', { class: 'legend' }, '', title + parts.join('')), (row + 1) * 18];
}
