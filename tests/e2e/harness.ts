import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { PROJECT_ROOT } from '../../tools/library.ts';

/** Where a Chromium can be: CHROMIUM_PATH, Debian's package, or a Playwright download in its cache. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', ...playwrightCacheBrowsers()];
  const found = candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
  if (!found) {
    throw new Error('No Chromium found for the browser tests. Install Debian\'s package (apt-get install -y chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.');
  }
  return found;
}

function playwrightCacheBrowsers(): string[] {
  const cache = join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((name) => name.startsWith('chromium'))
    .flatMap((name) => [join(cache, name, 'chrome-linux', 'chrome'), join(cache, name, 'chrome-linux64', 'chrome')]);
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // The flags that work on this machine: no sandbox as root, no GPU (WebGL runs on SwiftShader), no background network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--autoplay-policy=no-user-gesture-required', ...extraArgs],
  });
}

/** Serves a production build on a free loopback port: the game's dist/, or the output of another Vite config. */
export async function serveBuild(configFile?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({ root: PROJECT_ROOT, configFile, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}

/** Collects console errors and page errors; a browser test fails if any appear. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

const AXE_SOURCE = readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Where axe looks: the whole document, one selector, or axe's own include list. */
type AxeContext = string | { include: string[][] };
type AxeWindow = { axe: { run: (context: AxeContext | Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };

/** axe-core's violations on the page (or within `context`), one line each: the rule and where it fails. */
export async function axeViolations(page: Page, context?: AxeContext): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate((where) => (window as unknown as AxeWindow).axe.run(where ?? document), context);
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
