// A run as a standalone SVG swimlane timeline, the picture one would draw on a whiteboard: one
// lane per actor, real UTC times across, write attempts coloured by how they ended, the
// DataStorage stop as a line through every lane and each violation as a numbered red badge.
import type { Finding } from '../explore/run.ts';
import type { History } from '../model/history.ts';
import {
  FONT,
  LABEL_W,
  LANE_H,
  RIGHT_W,
  TOP_H,
  VIOLATION_COLOR,
  drawLane,
  drawLegend,
  drawMark,
  drawViolations,
  r1,
  rect,
  text,
  textWidth,
  utcLabel,
} from './svg-marks.ts';
import { endOf, startOf, swimlanes } from './swimlane.ts';
import { timeScale, type TimeScale } from './time-scale.ts';

export { ATTEMPT_COLORS, VIOLATION_COLOR } from './svg-marks.ts';

export interface SvgOptions {
  /** First line of the picture, e.g. the scenario, fix and store. */
  readonly title?: string;
  readonly widthPx?: number;
}

/** Tick lines and UTC labels; none next to a squeezed gap, whose "≈" stands there. */
function drawAxis(scale: TimeScale, startUtcMs: number, bottom: number): string {
  const nearBreak = (x: number) =>
    scale.breaks.some((b) => x > b.x - 28 && x < b.x + b.widthPx + 28);
  const ticks = scale.ticks(startUtcMs).filter((t) => !nearBreak(t.x));
  const parts = ticks.map(
    (t) =>
      `<line x1="${r1(t.x)}" y1="${TOP_H - 6}" x2="${r1(t.x)}" y2="${bottom}" stroke="#e2e2e2"/>` +
      text(t.x, TOP_H - 9, t.label, 'font-size="10" fill="#444" text-anchor="middle"'),
  );
  return `<g class="axis">${parts.join('')}</g>`;
}

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
  const out: string[] = [];

  out.push(text(8, 18, options.title ?? 'audit-race run', 'font-size="14" font-weight="bold"'));
  const squeezed = scale.breaks.length > 0 ? '; idle gaps over 3 s squeezed (≈)' : '';
  out.push(
    text(
      8,
      34,
      `Times in UTC on ${date}${squeezed}. Hover a mark for details.`,
      'font-size="11" fill="#555"',
    ),
  );
  out.push(drawAxis(scale, history.startUtcMs, bottom));

  lanes.lanes.forEach((lane, i) => {
    const marks = lanes.marks.filter((m) => m.lane === lane.id && m.kind !== 'violation');
    out.push(
      drawLane(
        lane,
        i,
        laneTop(i),
        width,
        marks.map((m) => drawMark(m, scale, laneTop(i), lanes)),
      ),
    );
  });
  for (const b of scale.breaks) {
    out.push(
      rect(
        b.x + 3,
        TOP_H - 4,
        b.widthPx - 6,
        bottom - TOP_H + 4,
        'class="break" fill="#fff" opacity="0.85"',
      ),
    );
    out.push(
      text(b.x + b.widthPx / 2, TOP_H - 9, '≈', 'font-size="12" text-anchor="middle" fill="#666"'),
    );
  }
  if (lanes.stoppedAtMs !== null) {
    const x = r1(scale.x(lanes.stoppedAtMs));
    const label = `DataStorage stopped ${utcLabel(history.startUtcMs, lanes.stoppedAtMs)}`;
    out.push(
      `<line class="stop" x1="${x}" y1="${TOP_H}" x2="${x}" y2="${bottom}" stroke="#333" stroke-width="1.5" stroke-dasharray="5 3"/>`,
    );
    const style =
      'font-size="10" font-weight="bold" fill="#333" paint-order="stroke" stroke="#fff" stroke-width="3"';
    const overflows = x + 4 + textWidth(label, 10) > width - 4;
    const [lx, anchor] = overflows ? [x - 4, ' text-anchor="end"'] : [x + 4, ''];
    out.push(text(lx, TOP_H + 11, label, style + anchor));
  }
  const violations = lanes.marks.filter((m) => m.kind === 'violation');
  out.push(
    drawViolations(
      violations,
      (v) => scale.x(v.atMs),
      (v) => laneTop(laneIndex.get(v.lane) ?? 0),
    ),
  );

  const [legend, legendH] = drawLegend(bottom + 24, width);
  out.push(legend);
  let y = bottom + 24 + legendH + 14;
  for (const v of violations.filter((m) => m.first)) {
    const more = violations.filter((m) => m.verdict === v.verdict).length - 1;
    const line = `${v.number}. ${v.verdict} at ${utcLabel(history.startUtcMs, v.atMs)}${more > 0 ? ` (+${more} more)` : ''}: ${v.message}`;
    const fits = Math.floor((width - 16) / textWidth('x', 11));
    out.push(
      text(
        8,
        y,
        line.length > fits ? `${line.slice(0, fits - 1)}…` : line,
        `font-size="11" fill="${VIOLATION_COLOR}"`,
      ),
    );
    y += 16;
  }
  if (violations.length === 0) {
    out.push(text(8, y, 'All properties hold for this run.', 'font-size="11" fill="#2a7a2a"'));
    y += 16;
  }

  const height = y + 8;
  const defs =
    '<defs><pattern id="stopped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
    '<rect width="6" height="6" fill="#e0e0e0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#aaa" stroke-width="2"/></pattern></defs>';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">` +
    `${defs}<rect width="${width}" height="${height}" fill="#fff"/>${out.join('\n')}</svg>\n`
  );
}
