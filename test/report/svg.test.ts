// The swimlane picture as data and as markup: one lane per actor, the marks where they belong,
// long idle gaps squeezed, violations as numbered badges, and well-formed standalone SVG.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runSvg, VIOLATION_COLOR } from '../../src/report/svg.ts';
import { swimlanes } from '../../src/report/swimlane.ts';
import { timeScale } from '../../src/report/time-scale.ts';
import { SEED_RUN } from './results.ts';

const { history } = SEED_RUN.sim;
const lanes = swimlanes(history, SEED_RUN.findings);

describe('swimlanes', () => {
  it('has DataStorage first, then per process its teardown, writer and reconcilers', () => {
    expect(lanes.lanes.map((l) => l.id)).toEqual([
      'datastorage',
      ...[1, 2, 3, 4].flatMap((p) => [`p${p}.teardown`, `p${p}.writer`, `p${p}.reconcilers`]),
    ]);
  });

  it("puts the refused attempts on p4's writer lane and the stop on DataStorage's", () => {
    const refused = lanes.marks.filter((m) => m.kind === 'attempt' && m.result === 'refused');
    expect(refused.filter((m) => m.lane === 'p4.writer')).toHaveLength(6);
    expect(lanes.marks).toContainEqual({ kind: 'stop', lane: 'datastorage', atMs: 9_900 });
  });

  it('numbers violations per verdict and marks the first of each', () => {
    const violations = lanes.marks.filter((m) => m.kind === 'violation');
    const first = violations.filter((m) => m.first).map((m) => [m.verdict, m.number, m.lane]);
    expect(first).toEqual([
      ['no-write-after-stop', 1, 'p4.writer'],
      ['clean-teardown-logs', 2, 'p4.writer'],
    ]);
    expect(violations).toHaveLength(SEED_RUN.findings.length);
  });
});

describe('timeScale', () => {
  it('squeezes idle gaps longer than the threshold into fixed-width breaks', () => {
    const scale = timeScale([0, 1_000, 20_000, 21_000], { x0: 100, widthPx: 1_000 });
    expect(scale.breaks).toHaveLength(1);
    expect(scale.x(1_000) - scale.x(0)).toBeCloseTo(scale.x(21_000) - scale.x(20_000));
    expect(scale.x(0)).toBeGreaterThanOrEqual(100);
    expect(scale.x(21_000)).toBeLessThanOrEqual(1_100);
  });

  it('labels ticks with UTC clock times', () => {
    const scale = timeScale([0, 1_000, 2_000, 3_000, 4_000], { x0: 0, widthPx: 300 });
    const labels = scale.ticks(Date.parse('2026-01-04T17:44:10Z')).map((t) => t.label);
    expect(labels).toContain('17:44:12');
  });
});

describe('runSvg', () => {
  const svg = runSvg(history, SEED_RUN.findings, { title: 'seed <run> & "fix"' });

  it('is well-formed standalone SVG with the title escaped', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('seed &lt;run&gt; &amp; &quot;fix&quot;');
  });

  it('draws a group per lane, the stop line, a badge per violated verdict, a legend', () => {
    expect(svg.match(/<g class="lane" /g)).toHaveLength(lanes.lanes.length);
    expect(svg).toContain('class="stop"');
    expect(svg.match(/class="violation-badge"/g)).toHaveLength(2);
    expect(svg).toContain(`fill="${VIOLATION_COLOR}"`);
    expect(svg).toContain('<g class="legend">');
    expect(svg).toContain('1. no-write-after-stop at 17:44:20.400 (+5 more)');
  });
});
