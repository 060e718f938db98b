/**
 * `npm run bench`: the built game in headless Chromium, 7 runs, medians. The last line printed is
 * one JSON object with timeToFirstChoiceMs, barePhaserBootMs, ratio, initialJsGzipKb,
 * p95FrameMs (during a scripted playthrough) and heapGrowthMbAfter20Plays.
 * Page scripts are passed as strings: tsx would otherwise wrap them in helpers the page lacks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { launchChromium, serveBuild } from '../e2e/harness.ts';
import { plannedPlays } from '../e2e/plans.ts';
import { median, round } from './stats.ts';

const RUNS = 7;
const SCENARIO = 'personal-insult';
const DIST = join(PROJECT_ROOT, 'dist');

/** JS the browser must fetch before the game can start: the entry and its static imports, gzipped. */
function initialJs(): { kb: number; files: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0);
  return { kb: round(bytes / 1024), files };
}

async function markTime(browser: Browser, url: string, mark: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  const time = await page.waitForFunction(`performance.getEntriesByName(${JSON.stringify(mark)})[0]?.startTime`, undefined, { timeout: 60_000 });
  const value = Number(await time.jsonValue());
  await page.close();
  return value;
}

const FRAME_RECORDER = `window.__frames = []; (function tick(last) { requestAnimationFrame((now) => { window.__frames.push(now - last); tick(now); }); })(performance.now());`;

/** Plays the best plan with animations on (typing skipped with a click, as a player would) and returns frame times. */
async function scriptedPlayFrames(browser: Browser, url: string): Promise<number[]> {
  const play = plannedPlays('best').find((candidate) => candidate.scenario.id === SCENARIO);
  if (!play) throw new Error(`no best plan for ${SCENARIO}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  await page.addInitScript(FRAME_RECORDER);
  await page.goto(`${url}?scenario=${SCENARIO}`);
  for (const [index, choice] of play.choices.entries()) {
    await page.waitForSelector('[data-testid="replies"] button:not([disabled])');
    if (index === 0) await page.evaluate('window.__frames.length = 0');
    await page.mouse.click(640, 160); // on the canvas: shows the whole line
    if (choice.kind === 'breath') await page.keyboard.press('b');
    else if (choice.kind === 'reply') await page.click(`[data-testid="replies"] button[data-reply="${choice.reply}"]`);
    await page.waitForSelector(`.conversation[data-decisions="${index + 1}"]`);
  }
  const frames = (await page.evaluate('window.__frames')) as number[];
  await context.close();
  return frames;
}

async function heapGrowthAfterPlays(browser: Browser, url: string, plays: number): Promise<number> {
  const play = plannedPlays('worst').find((candidate) => candidate.scenario.id === SCENARIO);
  if (!play) throw new Error(`no worst plan for ${SCENARIO}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${url}?scenario=${SCENARIO}`);
  const playOnce = async (page_: Page) => {
    for (const [index, choice] of play.choices.entries()) {
      await page_.waitForSelector('[data-testid="replies"] button:not([disabled])');
      if (choice.kind === 'reply') await page_.click(`[data-testid="replies"] button[data-reply="${choice.reply}"]`);
      await page_.waitForSelector(`.conversation[data-decisions="${index + 1}"]`);
    }
    await page_.click('[data-testid="continue"]');
    await page_.click('[data-testid="replay"]');
  };
  await playOnce(page); // warm up caches and textures before the baseline
  const heap = async () => Number(await page.evaluate('gc(), gc(), performance.memory.usedJSHeapSize'));
  const before = await heap();
  for (let i = 0; i < plays; i++) await playOnce(page);
  const after = await heap();
  await context.close();
  return (after - before) / (1024 * 1024);
}

async function main(): Promise<void> {
  const server = await serveBuild();
  const bareServer = await serveBuild(join(PROJECT_ROOT, 'tests', 'bench', 'vite.config.ts'));
  const browser = await launchChromium(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
  try {
    const firstChoice: number[] = [];
    const bare: number[] = [];
    const p95: number[] = [];
    // Game and bare boot are timed back to back and compared per run, so a slow spell of this
    // shared machine weighs on both sides of the ratio.
    const ratios: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      firstChoice.push(await markTime(browser, `${server.url}?scenario=${SCENARIO}`, 'htl:first-choice'));
      bare.push(await markTime(browser, `${bareServer.url}bare.html`, 'bare:ready'));
      ratios.push((firstChoice.at(-1) ?? NaN) / (bare.at(-1) ?? NaN));
      const frames = (await scriptedPlayFrames(browser, server.url)).sort((a, b) => a - b);
      p95.push(frames[Math.floor(frames.length * 0.95)] ?? NaN);
      process.stderr.write(`run ${run + 1}: first choice ${round(firstChoice.at(-1) ?? 0)} ms, bare ${round(bare.at(-1) ?? 0)} ms, p95 frame ${round(p95.at(-1) ?? 0)} ms\n`);
    }
    const heapGrowth = await heapGrowthAfterPlays(browser, server.url, 20);
    const js = initialJs();
    const timeToFirstChoiceMs = median(firstChoice);
    const barePhaserBootMs = median(bare);
    process.stdout.write(`${JSON.stringify({
      runs: RUNS,
      timeToFirstChoiceMs: round(timeToFirstChoiceMs),
      barePhaserBootMs: round(barePhaserBootMs),
      ratio: round(median(ratios), 2),
      initialJsGzipKb: js.kb,
      initialJsFiles: js.files,
      p95FrameMs: round(median(p95)),
      heapGrowthMbAfter20Plays: round(heapGrowth, 2),
    })}\n`);
  } finally {
    await browser.close();
    await server.close();
    await bareServer.close();
  }
}

await main();
