import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import type { Frame, Page } from 'playwright-core';
import { availableOptions, replayChoices, type Choice, type Scenario } from '../../src/index.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { buildStaticGame, packageScorm } from '../../tools/lms/build.ts';
import type { ScormVersion } from '../../tools/lms/manifest.ts';

/**
 * The LMS's side for the browser tests: real packages built by the packager and unzipped, served
 * by a plain static server beside a harness page that plays the LMS with scorm-again (window.API
 * or window.API_1484_11) and opens a SCO in an iframe, as an LMS's player does.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.png': 'image/png',
};

/** The harness: the runtime an LMS would load, a frame for the SCO, and handles for the test to start, close and read it. */
const HARNESS = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS harness</title><link rel="icon" href="data:,">
<script src="/scorm-again/scorm12.js"></script><script src="/scorm-again/scorm2004.js"></script>
<style>body{margin:0} iframe{border:0;width:1000px;height:700px}</style></head>
<body><main id="player"></main><script>
  let api;
  window.launchSco = (version, url, stored) => {
    api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
    if (stored) api.loadFromJSON(stored);
    if (version === '1.2') window.API = api; else window.API_1484_11 = api;
    const frame = document.createElement('iframe');
    frame.title = 'SCO';
    frame.src = url;
    document.getElementById('player').replaceChildren(frame);
  };
  window.closeSco = () => document.querySelector('iframe').remove();
  window.cmi = () => ({ data: api.renderCMIToJSONObject(), terminated: api.isTerminated() });
</script></body></html>`;

export interface ScormPackage {
  version: ScormVersion;
  /** Served at /<version>/. */
  folder: string;
  manifest: string;
}

export interface ScormLms {
  url: string;
  packages: Record<ScormVersion, ScormPackage>;
  close(): Promise<void>;
}

/** Builds the game once, packages it for both versions, unzips each and serves it all with the harness page. */
export async function startScormLms(options: { scenarios: string[]; pass: number; language: string }): Promise<ScormLms> {
  const root = mkdtempSync(join(tmpdir(), 'htl-scorm-e2e-'));
  const game = join(root, 'game');
  await buildStaticGame(game);
  const packages = {} as Record<ScormVersion, ScormPackage>;
  for (const version of ['1.2', '2004'] as const) {
    const { zip } = packageScorm(game, { version, ...options });
    const folder = join(root, version);
    for (const [name, bytes] of Object.entries(unzipSync(zip))) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), bytes);
    }
    packages[version] = { version, folder, manifest: readFileSync(join(folder, 'imsmanifest.xml'), 'utf8') };
  }
  const runtimeDir = join(PROJECT_ROOT, 'node_modules', 'scorm-again', 'dist');
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://lms').pathname);
    if (path === '/harness.html') return void response.writeHead(200, { 'content-type': TYPES['.html'] }).end(HARNESS);
    const [, first = '', ...rest] = path.split('/');
    const base = first === 'scorm-again' ? runtimeDir : first === '1.2' || first === '2004' ? packages[first].folder : undefined;
    const file = base && normalize(join(base, ...rest));
    if (!base || !file || !file.startsWith(base + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    packages,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Where an LMS launches a SCO: its resource's href with the item's parameters, from the manifest as written. */
export function launchUrl(pack: ScormPackage, scenarioId: string): string {
  const item = new RegExp(`<item identifier="item-${scenarioId}" identifierref="(sco-${scenarioId})" parameters="([^"]+)"`).exec(pack.manifest);
  const resource = item && new RegExp(`<resource identifier="${item[1]}" [^>]*href="([^"]+)"`).exec(pack.manifest);
  if (!item || !resource) throw new Error(`no SCO for ${scenarioId} in the ${pack.version} manifest`);
  return `/${pack.version}/${resource[1]}${(item[2] as string).replaceAll('&amp;', '&')}`;
}

/** The value the manifest gives the LMS for its pass mark (adlcp:masteryscore, or the primary objective's minNormalizedMeasure). */
export function manifestPassMark(pack: ScormPackage): string {
  const found = /<adlcp:masteryscore>([^<]+)<|<imsss:minNormalizedMeasure>([^<]+)</.exec(pack.manifest);
  return found?.[1] ?? found?.[2] ?? '';
}

export async function launch(page: Page, version: ScormVersion, url: string, stored?: unknown): Promise<Frame> {
  await page.evaluate(([v, u, s]) => (window as unknown as { launchSco: (...args: unknown[]) => void }).launchSco(v, u, s), [version, url, stored] as const);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  if (!frame) throw new Error('no SCO frame');
  return frame;
}

export const readCmi = (page: Page) => page.evaluate(() => (window as unknown as { cmi: () => { data: unknown; terminated: boolean } }).cmi());

/** The replies as the SCO shows them now, by id, in order. */
export async function shownReplies(frame: Frame): Promise<string[]> {
  await frame.waitForSelector('[data-testid="replies"] button:not([disabled])');
  return frame.locator('[data-testid="replies"] button').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.reply ?? ''));
}

/** The order the core shows replies in after these choices with this seed: a resumed conversation must show the same. */
export function repliesAfter(scenario: Scenario, seed: number, choices: readonly Choice[]): string[] {
  const replayed = replayChoices(scenario, choices, seed);
  if (!replayed.ok) throw new Error(replayed.error);
  return availableOptions(scenario, replayed.state).map(({ reply }) => reply.id);
}

/** Plays choices from decision `from` on; by clicks, or by number keys and B with the replies focused. */
export async function playChoices(frame: Frame, choices: readonly Choice[], from: number, input: 'mouse' | 'keyboard'): Promise<void> {
  for (const [offset, choice] of choices.slice(from).entries()) {
    const order = await shownReplies(frame);
    if (choice.kind === 'silence') throw new Error('plans do not wait out the timer');
    if (input === 'mouse') await frame.click(choice.kind === 'breath' ? '[data-testid="breath"]' : `[data-testid="replies"] button[data-reply="${choice.reply}"]`);
    else {
      await frame.focus('[data-testid="replies"]');
      await frame.press('[data-testid="replies"]', choice.kind === 'breath' ? 'b' : String(order.indexOf(choice.reply) + 1));
    }
    await frame.waitForSelector(`.conversation[data-decisions="${from + offset + 1}"]`);
  }
}
