// A run as a standalone SVG swimlane timeline, the picture one would draw on a whiteboard: one
// lane per actor, real UTC times across, write attempts coloured by how they ended, the
// DataStorage stop as a line through every lane and each violation as a numbered red badge.
import type { Finding } from '../explore/run.ts';
import type { History } from '../model/history.ts';
import {
  FONT,
  HALO,
  LABEL_W,
  LANE_H,
  RIGHT_W,
  TOP_H,
  VIOLATION_COLOR,
  drawLane,
  drawLegend,
  drawMark,
  drawViolations,
  el,
  rect,
  text,
  textWidth,
  utcLabel,
} from './svg-marks.ts';
import { endOf, startOf, swimlanes, type Mark, type Swimlanes } from './swimlane.ts';
import { timeScale, type TimeScale } from './time-scale.ts';

export { ATTEMPT_COLORS, VIOLATION_COLOR } from './svg-marks.ts';

export interface SvgOptions {
  /** First line of the picture, e.g. the scenario, fix and store. */
  readonly title?: string;
  readonly widthPx?: number;
}

const vline = (x: number, y1: number, y2: number, attrs: Record<string, string | number>) =>
  el('line', { x1: x, y1, x2: x, y2, ...attrs });

/**
 * Tick lines with UTC labels, drawn under the lanes; none next to a squeezed gap, whose veil over
 * the lanes and "≈" are drawn on top of them.
 */
function drawAxis(scale: TimeScale, startUtcMs: number, bottom: number): [string, string] {
  const nearBreak = (x: number) =>
    scale.breaks.some((b) => x > b.x - 28 && x < b.x + b.widthPx + 28);
  const ticks = scale.ticks(startUtcMs).filter((t) => !nearBreak(t.x));
  const label = { 'font-size': 10, fill: '#444', 'text-anchor': 'middle' };
  const parts = ticks.map(
    (t) =>
      vline(t.x, TOP_H - 6, bottom, { stroke: '#e2e2e2' }) + text(t.x, TOP_H - 9, t.label, label),
  );
  const breaks = scale.breaks.map(
    (b) =>
      rect(b.x + 3, TOP_H - 4, b.widthPx - 6, bottom - TOP_H + 4, {
        class: 'break',
        fill: '#fff',
        opacity: 0.85,
      }) + text(b.x + b.widthPx / 2, TOP_H - 9, '≈', { ...label, 'font-size': 12 }),
  );
  return [el('g', { class: 'axis' }, '', parts.join('')), breaks.join('')];
}

/** The dashed line of the DataStorage stop through every lane, labelled with its time. */
function drawStop(lanes: Swimlanes, scale: TimeScale, bottom: number, width: number): string {
  if (lanes.stoppedAtMs === null) return '';
  const x = scale.x(lanes.stoppedAtMs);
  const label = `DataStorage stopped ${utcLabel(lanes.startUtcMs, lanes.stoppedAtMs)}`;
  const dash = { class: 'stop', stroke: '#333', 'stroke-width': 1.5, 'stroke-dasharray': '5 3' };
  const overflows = x + 4 + textWidth(label, 10) > width - 4;
  const style = { 'font-size': 10, 'font-weight': 'bold', fill: '#333', ...HALO };
  const at = overflows ? { x: x - 4, anchor: { 'text-anchor': 'end' } } : { x: x + 4, anchor: {} };
  return vline(x, TOP_H, bottom, dash) + text(at.x, TOP_H + 11, label, { ...style, ...at.anchor });
}

/** Under the legend: one line per violated verdict, or that every property holds. */
function violationList(lanes: Swimlanes, y: number, width: number): string[] {
  const violations = lanes.marks.filter((m) => m.kind === 'violation');
  if (violations.length === 0) {
    return [text(8, y, 'All properties hold for this run.', { 'font-size': 11, fill: '#2a7a2a' })];
  }
  const fits = Math.floor((width - 16) / textWidth('x', 11));
  return violations
    .filter((m) => m.first)
    .map((v, i) => {
      const more = violations.filter((m) => m.verdict === v.verdict).length - 1;
      const when = utcLabel(lanes.startUtcMs, v.atMs);
      const times = more > 0 ? ` (+${more} more)` : '';
      const line = `${v.number}. ${v.verdict} at ${when}${times}: ${v.message}`;
      const shown = line.length > fits ? `${line.slice(0, fits - 1)}…` : line;
      return text(8, y + i * 16, shown, { 'font-size': 11, fill: VIOLATION_COLOR });
    });
}

const DEFS =
  '<defs><pattern id="stopped" width="6" height="6" patternUnits="userSpaceOnUse" ' +
  'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0e0e0"/>' +
  '<line x1="0" y1="0" x2="0" y2="6" stroke="#aaa" stroke-width="2"/></pattern></defs>';

/** The swimlane timeline of one run as a standalone SVG document. */
export function runSvg(history: History, findings: readonly Finding[], options: SvgOptions = {}) {
  const lanes = swimlanes(history, findings);
  const width = options.widthPx ?? 1280;
  const busy = lanes.marks.filter((m) => m.kind !== 'alive' && m.kind !== 'backend');
  const points = [...busy.flatMap((m) => [startOf(m), endOf(m)]), lanes.endMs];
  const scale = timeScale(points, { x0: LABEL_W, widthPx: width - LABEL_W - RIGHT_W });
  const laneTop = (i: number) => TOP_H + i * LANE_H;
  const bottom = laneTop(lanes.lanes.length);
  const laneIndex = new Map(lanes.lanes.map((l, i) => [l.id, i]));
  const date = new Date(history.startUtcMs).toISOString().slice(0, 10);
  const squeezed = scale.breaks.length > 0 ? '; idle gaps over 3 s squeezed (≈)' : '';
  const out: string[] = [];

  out.push(
    text(8, 18, options.title ?? 'audit-race run', { 'font-size': 14, 'font-weight': 'bold' }),
  );
  const subtitle = `Times in UTC on ${date}${squeezed}. Hover a mark for details.`;
  out.push(text(8, 34, subtitle, { 'font-size': 11, fill: '#555' }));
  const [axis, breaks] = drawAxis(scale, history.startUtcMs, bottom);
  out.push(axis);
  lanes.lanes.forEach((lane, i) => {
    const own = lanes.marks.filter((m) => m.lane === lane.id && m.kind !== 'violation');
    const marks = own.map((m) => drawMark(m, scale, laneTop(i), lanes));
    out.push(drawLane(lane, i, laneTop(i), width, marks));
  });
  out.push(breaks);
  out.push(drawStop(lanes, scale, bottom, width));
  const violations = lanes.marks.filter(
    (m): m is Extract<Mark, { kind: 'violation' }> => m.kind === 'violation',
  );
  const top = (v: Mark) => laneTop(laneIndex.get(v.lane) ?? 0);
  out.push(drawViolations(violations, (v) => scale.x(v.atMs), top));

  const [legend, legendH] = drawLegend(bottom + 24, width);
  out.push(legend);
  const listY = bottom + 24 + legendH + 14;
  const list = violationList(lanes, listY, width);
  out.push(...list);

  const height = listY + list.length * 16 + 8;
  const svg = { xmlns: 'http://www.w3.org/2000/svg', width, height };
  const attrs = { ...svg, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT };
  const page = DEFS + rect(0, 0, width, height, { fill: '#fff' }) + out.join('\n');
  return `${el('svg', attrs, '', page)}\n`;
}
