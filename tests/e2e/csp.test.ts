import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServer } from '../../server/app.ts';
import { loadLibrary } from '../../server/library.ts';
import { inlineScriptHashes } from '../../server/securityHeaders.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { replyButtons, waitForReplies } from './game.ts';
import { launchChromium, watchForErrors } from './harness.ts';

/** The real team server serving the build (dist/, made by the e2e global setup) under its Content Security Policy, in real Chromium. */

const DIST = join(PROJECT_ROOT, 'dist');
let browser: Browser;
let app: FastifyInstance;
let url: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'htl-csp-'));
  app = await createServer({ database: { kind: 'pglite', dataDir }, library: loadLibrary(), staticDir: DIST, secureCookies: false });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A page that records every CSP violation (the event fires for each blocked script, style, image, worker or request). */
async function watchedPage(): Promise<{ page: Page; errors: string[]; violations: () => Promise<string[]>; close: () => Promise<void> }> {
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`));
  });
  const page = await context.newPage();
  return {
    page,
    errors: watchForErrors(page),
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    close: () => context.close(),
  };
}

test('the built pages are served with a strict CSP that names each inline script by its hash', async () => {
  const response = await fetch(`${url}/`);
  const csp = response.headers.get('content-security-policy') ?? '';
  const hashes = inlineScriptHashes(DIST);
  expect(hashes.length).toBeGreaterThan(0);
  expect(csp).toContain(`script-src 'self' ${hashes.join(' ')}`);
  for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'", "worker-src 'self'"]) expect(csp).toContain(directive);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const api = await fetch(`${url}/api/privacy`);
  expect(api.headers.get('cache-control')).toBe('no-store');
  expect(api.headers.get('content-security-policy')).toBe(csp);
});

test('the game loads and plays its first reply, then the results page shows it, under the policy with no console error and no violation', async () => {
  const { page, errors, violations, close } = await watchedPage();
  try {
    await page.goto(`${url}/`);
    await page.waitForSelector('.card');
    await page.locator('.card').first().click();
    await waitForReplies(page);
    await replyButtons(page).first().click();
    await page.waitForSelector('.conversation[data-decisions="1"]');
    expect(await violations()).toEqual([]);
    // The results page with a record to show (its chart and lists drawn), same policy.
    await page.goto(`${url}/dashboard.html`, { waitUntil: 'networkidle' });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('the results and staff pages load under the policy with no violation', async () => {
  for (const name of ['dashboard.html', 'staff.html']) {
    const { page, errors, violations, close } = await watchedPage();
    try {
      await page.goto(`${url}/${name}`, { waitUntil: 'networkidle' });
      expect(await violations(), name).toEqual([]);
      expect(errors, name).toEqual([]);
    } finally {
      await close();
    }
  }
});

test('a script injected into the page is blocked, and the violation is seen', async () => {
  const { page, violations, close } = await watchedPage();
  try {
    await page.goto(`${url}/`);
    await page.waitForSelector('.card');
    // What an injected name would try if it ever reached the page as markup.
    const ran = await page.evaluate(async () => {
      const flag = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return flag.injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations()).some((violation) => violation.startsWith('script-src'))).toBe(true);
  } finally {
    await close();
  }
});
