// A horizontal time scale for pictures of a run: virtual ms to pixels, piecewise linear, with long
// idle gaps squeezed to a fixed-width break so that a 30 s retry wait does not push the few busy
// seconds of a teardown into a corner. Ticks carry real UTC times.

/** A squeezed idle gap: virtual times `fromMs`..`toMs` drawn as a break at `x`..`x + widthPx`. */
export interface Break {
  readonly fromMs: number;
  readonly toMs: number;
  readonly x: number;
  readonly widthPx: number;
}

export interface Tick {
  readonly atMs: number;
  readonly x: number;
  readonly label: string;
}

export interface TimeScale {
  readonly fromMs: number;
  readonly toMs: number;
  readonly breaks: readonly Break[];
  /** Pixels for virtual time `ms` (clamped to the scale's range). */
  x(ms: number): number;
  ticks(startUtcMs: number): Tick[];
}

export interface ScaleOptions {
  readonly x0: number;
  readonly widthPx: number;
  /** Gaps between busy moments longer than this are squeezed. */
  readonly idleGapMs?: number;
  /** Time kept visible on each side of a squeezed gap. */
  readonly keepMs?: number;
  readonly breakPx?: number;
}

interface Piece {
  readonly fromMs: number;
  readonly toMs: number;
  readonly x: number;
  /** Pixels per ms; 0 for a break. */
  readonly k: number;
  readonly isBreak: boolean;
}

const TICK_STEPS_MS = [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 300_000];
const MIN_TICK_GAP_PX = 64;

/** A scale covering `points` (the busy moments of a run), squeezing idle gaps between them. */
export function timeScale(points: readonly number[], options: ScaleOptions): TimeScale {
  const idleGapMs = options.idleGapMs ?? 3_000;
  const keepMs = options.keepMs ?? 700;
  const breakPx = options.breakPx ?? 26;
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  const fromMs = Math.max(0, (sorted[0] ?? 0) - keepMs);
  const toMs = Math.max((sorted.at(-1) ?? 0) + keepMs, fromMs + 1);

  // Spans of time to draw linearly, and the squeezed gaps between them.
  const gaps: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (b - a > idleGapMs) gaps.push([a + keepMs, b - keepMs]);
  }
  const squeezedMs = gaps.reduce((sum, [a, b]) => sum + (b - a), 0);
  const k = Math.max(options.widthPx - gaps.length * breakPx, 1) / (toMs - fromMs - squeezedMs);

  const pieces: Piece[] = [];
  let at = fromMs;
  let x = options.x0;
  for (const [a, b] of gaps) {
    pieces.push({ fromMs: at, toMs: a, x, k, isBreak: false });
    x += (a - at) * k;
    pieces.push({ fromMs: a, toMs: b, x, k: 0, isBreak: true });
    x += breakPx;
    at = b;
  }
  pieces.push({ fromMs: at, toMs, x, k, isBreak: false });

  const toX = (ms: number): number => {
    const t = Math.min(Math.max(ms, fromMs), toMs);
    const piece = pieces.find((p) => t <= p.toMs) ?? pieces.at(-1)!;
    if (piece.isBreak)
      return piece.x + (breakPx * (t - piece.fromMs)) / (piece.toMs - piece.fromMs);
    return piece.x + (t - piece.fromMs) * piece.k;
  };

  return {
    fromMs,
    toMs,
    breaks: pieces
      .filter((p) => p.isBreak)
      .map((p) => ({ fromMs: p.fromMs, toMs: p.toMs, x: p.x, widthPx: breakPx })),
    x: toX,
    ticks: (startUtcMs) => ticksOf(pieces, startUtcMs, k),
  };
}

function ticksOf(pieces: readonly Piece[], startUtcMs: number, k: number): Tick[] {
  const stepMs = TICK_STEPS_MS.find((s) => s * k >= MIN_TICK_GAP_PX) ?? TICK_STEPS_MS.at(-1)!;
  const ticks: Tick[] = [];
  for (const piece of pieces.filter((p) => !p.isBreak)) {
    const firstUtc = Math.ceil((startUtcMs + piece.fromMs) / stepMs) * stepMs;
    for (let utc = firstUtc; utc <= startUtcMs + piece.toMs; utc += stepMs) {
      const atMs = utc - startUtcMs;
      const x = piece.x + (atMs - piece.fromMs) * piece.k;
      if (ticks.length > 0 && x - ticks.at(-1)!.x < MIN_TICK_GAP_PX) continue;
      ticks.push({ atMs, x, label: clockLabel(utc, stepMs < 1_000) });
    }
  }
  return ticks;
}

/** `17:44:20` or, for sub-second steps, `17:44:20.4`. */
export function clockLabel(utcMs: number, tenths: boolean): string {
  const iso = new Date(utcMs).toISOString();
  return tenths ? iso.slice(11, 21) : iso.slice(11, 19);
}
