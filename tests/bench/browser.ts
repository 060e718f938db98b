/**
 * `npm run bench`: the built game in headless Chromium. The last line printed is one JSON object:
 * start-up as ratios to a bare Phaser boot of the same Phaser build, each run paired (the deep
 * link in English and in Russian, and the menu's first card, each over the bare boot of the same
 * run) with the minimum, median and maximum over the runs; the milliseconds behind them; the
 * initial JavaScript; p95 frame time during a scripted playthrough; heap growth over 20 plays;
 * the results page's cohort grid at a department's size (dashboard-page.ts).
 * Page scripts are passed as strings: tsx would otherwise wrap them in helpers the page lacks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { launchChromium, serveBuild } from '../e2e/harness.ts';
import { dashboardBench } from './dashboard-page.ts';
import { plannedPlays } from '../e2e/plans.ts';
import { median, round, spread } from './stats.ts';

const RUNS = 9;
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

/** What one start-up run times: a page and the mark it sets once it is usable. */
interface StartUp {
  name: 'deepLinkEn' | 'deepLinkRu' | 'menu' | 'bare';
  url: string;
  mark: string;
}

/**
 * Times every start-up once per run, in an order that rotates from run to run so no side always
 * goes first (or last) after the others. Each side is loaded once untimed beforehand, so all of
 * them start with the same warm HTTP and code caches.
 */
async function timeStartUps(browser: Browser, sides: readonly StartUp[]): Promise<Record<StartUp['name'], number[]>> {
  const times = Object.fromEntries(sides.map((side) => [side.name, [] as number[]])) as Record<StartUp['name'], number[]>;
  for (const side of sides) await markTime(browser, side.url, side.mark);
  for (let run = 0; run < RUNS; run++) {
    const order = [...sides.slice(run % sides.length), ...sides.slice(0, run % sides.length)];
    for (const side of order) times[side.name].push(await markTime(browser, side.url, side.mark));
    process.stderr.write(`run ${run + 1}: ${sides.map((side) => `${side.name} ${round(times[side.name].at(-1) ?? NaN)} ms`).join(', ')}\n`);
  }
  return times;
}

/** Each run's time over the same run's bare boot: a slow spell of this shared machine weighs on both sides. */
const pairedRatios = (times: number[], bare: number[]) => times.map((time, run) => time / (bare[run] ?? NaN));

async function main(): Promise<void> {
  const server = await serveBuild();
  const bareServer = await serveBuild(join(PROJECT_ROOT, 'tests', 'bench', 'vite.config.ts'));
  const browser = await launchChromium(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
  try {
    const times = await timeStartUps(browser, [
      { name: 'deepLinkEn', url: `${server.url}?scenario=${SCENARIO}&lang=en`, mark: 'htl:first-choice' },
      { name: 'deepLinkRu', url: `${server.url}?scenario=${SCENARIO}&lang=ru`, mark: 'htl:first-choice' },
      { name: 'menu', url: server.url, mark: 'htl:first-card' },
      { name: 'bare', url: `${bareServer.url}bare.html`, mark: 'bare:ready' },
    ]);
    const ratio = spread(pairedRatios(times.deepLinkEn, times.bare), 2);
    const ratioRu = spread(pairedRatios(times.deepLinkRu, times.bare), 2);
    const menuRatio = spread(pairedRatios(times.menu, times.bare), 2);
    const p95: number[] = [];
    for (let run = 0; run < 3; run++) {
      const frames = (await scriptedPlayFrames(browser, server.url)).sort((a, b) => a - b);
      p95.push(frames[Math.floor(frames.length * 0.95)] ?? NaN);
    }
    const heapGrowth = await heapGrowthAfterPlays(browser, server.url, 20);
    const js = initialJs();
    const dashboard = await dashboardBench(browser);
    process.stdout.write(`${JSON.stringify({
      runs: RUNS,
      ratio: ratio.median,
      ratioMin: ratio.min,
      ratioMax: ratio.max,
      ratioRu: ratioRu.median,
      ratioRuMax: ratioRu.max,
      menuRatio: menuRatio.median,
      menuRatioMax: menuRatio.max,
      timeToFirstChoiceMs: round(median(times.deepLinkEn)),
      timeToFirstChoiceRuMs: round(median(times.deepLinkRu)),
      timeToFirstCardMs: round(median(times.menu)),
      barePhaserBootMs: round(median(times.bare)),
      initialJsGzipKb: js.kb,
      initialJsFiles: js.files,
      p95FrameMs: round(median(p95)),
      heapGrowthMbAfter20Plays: round(heapGrowth, 2),
      ...dashboard,
    })}\n`);
  } finally {
    await browser.close();
    await server.close();
    await bareServer.close();
  }
}

await main();
