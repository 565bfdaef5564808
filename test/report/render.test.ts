// The pictures checked the way a person looks at them: the swimlane SVG and the Mermaid diagram of
// the seed's CI run are rendered in headless Chromium (Debian's package) and the test asserts on
// what is drawn: the lanes, the red violation badge's pixels, the diagram's participants and its
// red violation notes. Mermaid is loaded from node_modules; every network request is refused.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMarkdown } from '../../src/report/markdown.ts';
import { runMermaid } from '../../src/report/mermaid.ts';
import { runSvg, VIOLATION_COLOR } from '../../src/report/svg.ts';
import { swimlanes } from '../../src/report/swimlane.ts';
import { zeroVariation } from '../../src/scenario/resolve.ts';
import { replay, SEED_SCENARIO } from '../explore/seed-scenario.ts';
import { RESULT, TARGET, replayCounterexample } from './results.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const TITLE = HAS_CHROMIUM
  ? 'pictures rendered in headless Chromium'
  : `pictures rendered in headless Chromium (SKIPPED: ${CHROMIUM} is absent; ` +
    'install Debian\'s "chromium" package, as .ci/run does)';

/** Set AUDIT_RACE_WRITE_DOCS=1 to refresh the picture README.md shows. */
const DOCS_PNG = new URL('../../docs/counterexample-swimlanes.png', import.meta.url);

const MERMAID_JS = join(
  createRequire(import.meta.url).resolve('mermaid/package.json'),
  '..',
  'dist',
  'mermaid.min.js',
);

const { outcome } = replay(SEED_SCENARIO, 'baseline', zeroVariation(SEED_SCENARIO));
const HISTORY = outcome.sim.history;

/** The share of pixels in a box of a PNG that are within `tolerance` of an RGB colour. */
async function shareOfColour(
  page: Page,
  png: Buffer,
  box: { x: number; y: number; width: number; height: number },
  hex: string,
  tolerance = 40,
): Promise<number> {
  return page.evaluate(
    async ({ b64, box, rgb, tolerance }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const { data } = ctx.getImageData(box.x, box.y, box.width, box.height);
      let near = 0;
      for (let i = 0; i < data.length; i += 4) {
        const d = Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c]! - rgb[c]!)));
        if (d <= tolerance) near++;
      }
      return near / (data.length / 4);
    },
    {
      b64: png.toString('base64'),
      box: {
        x: Math.round(box.x),
        y: Math.round(box.y),
        width: Math.round(box.width),
        height: Math.round(box.height),
      },
      rgb: [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)),
      tolerance,
    },
  );
}

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const profileDir = mkdtempSync(join(tmpdir(), 'audit-race-chromium-'));

  beforeAll(async () => {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await context.route('**/*', (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('draws one lane per actor and the first violation as a red badge', async () => {
    const title = `${SEED_SCENARIO.name} replayed, fix baseline: writes after the DataStorage stop`;
    const svg = runSvg(HISTORY, outcome.findings, { title });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);

    const labels = await page.$$eval('g.lane > text.lane-label', (ts) =>
      ts.map((t) => t.textContent),
    );
    const expected = swimlanes(HISTORY, outcome.findings).lanes.map((l) => l.label);
    expect(labels).toEqual(expected);
    expect(labels).toContain('p4 audit writer');
    expect(labels[0]).toBe('DataStorage');

    const badge = page.locator('.violation-badge').first();
    const box = (await badge.boundingBox())!;
    const png = await page.screenshot({ fullPage: true });
    if (process.env.AUDIT_RACE_WRITE_DOCS === '1') {
      writeFileSync(DOCS_PNG, await page.locator('svg').first().screenshot());
    }
    expect(await shareOfColour(page, png, box, VIOLATION_COLOR)).toBeGreaterThan(0.5);
    // The badge sits in p4's writer lane, where the writes after the stop happen.
    const lane = (await page
      .locator('g.lane[data-lane="p4.writer"] > rect')
      .first()
      .boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(lane.y);
    expect(box.y + box.height).toBeLessThanOrEqual(lane.y + lane.height);
    // No other lane shows the violation colour: only p4's writer lane has a finding.
    const p1 = (await page.locator('g.lane[data-lane="p1.writer"] > rect').first().boundingBox())!;
    expect(await shareOfColour(page, png, p1, VIOLATION_COLOR, 20)).toBe(0);
  }, 20_000);

  it('renders the Mermaid diagram offline to an SVG with its participants and notes', async () => {
    const source = runMermaid(HISTORY, outcome.findings);
    await page.setContent('<html><body style="margin:0;background:#fff"></body></html>');
    await page.addScriptTag({ content: readFileSync(MERMAID_JS, 'utf8') });
    const rendered = await page.evaluate(async (text) => {
      const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const { svg } = await mermaid.render('diagram', text);
      document.body.innerHTML = svg;
      return svg.length;
    }, source);

    expect(rendered).toBeGreaterThan(1_000);
    const actors = await page.$$eval('svg text.actor', (ts) => ts.map((t) => t.textContent));
    for (const name of ['p1 teardown', 'p4 store/writer', 'DataStorage']) {
      expect(actors).toContain(name);
    }
    const notes = await page.$$eval('svg .noteText', (ts) => ts.map((t) => t.textContent).join());
    expect(notes).toContain('VIOLATED no-write-after-stop');

    const svgBox = (await page.locator('svg').first().boundingBox())!;
    const png = await page.screenshot({ fullPage: true });
    // The violation notes stand in red boxes (rgb 255, 221, 221).
    expect(await shareOfColour(page, png, svgBox, '#ffdddd', 6)).toBeGreaterThan(0.005);
    expect(requested).toEqual([]);
  }, 20_000);

  it("renders every Mermaid diagram of a validate report's counterexamples", async () => {
    const report = validateMarkdown(RESULT, TARGET, { replay: replayCounterexample });
    const diagrams = [...report.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(diagrams.length).toBeGreaterThan(0);
    await page.setContent('<html><body></body></html>');
    await page.addScriptTag({ content: readFileSync(MERMAID_JS, 'utf8') });
    const rendered = await page.evaluate(async (sources) => {
      const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const svgs: string[] = [];
      for (const [i, text] of sources.entries())
        svgs.push((await mermaid.render(`d${i}`, text)).svg);
      return svgs.map((svg) => svg.includes('VIOLATED') && svg.includes('DataStorage'));
    }, diagrams);
    expect(rendered).toEqual(diagrams.map(() => true));
  }, 20_000);
});

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
