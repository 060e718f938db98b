import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createServer, type ServerConfig } from '../../server/app.ts';
import { loadLibrary, type ScenarioVersion } from '../../server/library.ts';
import { legalChoices, replayChoices, scoreChoices, type Choice } from '../../src/index.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';

/** What the staff page's browser test needs around the browser: the real team server, a trainee on the API, axe, a console watch. */

export interface TeamServer {
  url: string;
  /** The first-admin token the server offered at start (what `npm start` prints as a link). */
  setupToken: string;
  close(): Promise<void>;
}

/**
 * The real team server on a loopback port: a fresh PGlite folder, serving a copy of the build the
 * e2e global setup made (a copy, so another test run rebuilding dist/ meanwhile changes nothing here).
 */
export async function startTeamServer(signInLimits: { perUsername: number; perIp: number; windowSeconds: number }, extra: Partial<ServerConfig> = {}): Promise<TeamServer> {
  const folder = mkdtempSync(join(tmpdir(), 'htl-staff-e2e-'));
  const dataDir = join(folder, 'data');
  const staticDir = join(folder, 'dist');
  cpSync(join(PROJECT_ROOT, 'dist'), staticDir, { recursive: true });
  let setupToken = '';
  const app = await createServer({
    database: { kind: 'pglite', dataDir },
    library: loadLibrary(),
    staticDir,
    secureCookies: false,
    signInLimits,
    onFirstAdminToken: (token) => (setupToken = token),
    ...extra,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  if (!setupToken) throw new Error('the server offered no first-admin token');
  return {
    url: address,
    setupToken,
    close: async () => {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A trainee as the game makes one, with the cohort's code; returns their session cookie. */
export async function traineeJoins(server: string, joinCode: string, name: string): Promise<string> {
  const joined = await fetch(`${server}/api/trainees`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, joinCode }) });
  expect(joined.status, await joined.clone().text()).toBe(201);
  return (joined.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

/** A trainee joins and plays one attempt to its end through the API (the first reply on offer each time); returns the score the rules give it. */
export async function traineeJoinsAndPlays(server: string, joinCode: string, name: string): Promise<{ cookie: string; overall: number; outcome: string }> {
  const cookie = await traineeJoins(server, joinCode, name);
  const version = loadLibrary()[0] as ScenarioVersion;
  const send = (path: string, body: unknown) => fetch(`${server}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const attempt = crypto.randomUUID();
  const seed = 7;
  const started = await send('/attempts', { id: attempt, scenario: version.scenario.id, scenarioHash: version.hash, seed, language: 'en', startedAt: Date.now() });
  expect(started.status).toBe(201);
  const choices: Choice[] = [];
  for (;;) {
    const replayed = replayChoices(version.scenario, choices, seed);
    if (!replayed.ok) throw new Error(replayed.error);
    const next = legalChoices(version.scenario, replayed.state).find((choice) => choice.kind === 'reply');
    if (!next) break;
    const decided = await send(`/attempts/${attempt}/decisions`, { index: choices.length, id: crypto.randomUUID(), choice: next, at: Date.now() });
    expect(decided.status).toBe(201);
    choices.push(next);
  }
  // The page must show what the server computed; this is the same rules run here, independently.
  const scored = scoreChoices(version.scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  return { cookie, overall: scored.report.overall, outcome: scored.report.outcome ?? 'unfinished' };
}



interface ExpectedError {
  /** The request's path, e.g. /api/staff/sign-in. */
  path: string | RegExp;
  /** The HTTP status, or the network error (ERR_CONNECTION_REFUSED). */
  failure: number | string;
}

/**
 * Console errors and page errors of one page. An error the test causes on purpose (the 401 of a
 * wrong password) is announced first with `expect`, and matches exactly once: by the failed
 * request's path and status, not by a loose pattern.
 */
export class ConsoleWatch {
  private readonly unexpected: string[] = [];
  private readonly expected: ExpectedError[] = [];

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const path = new URL(message.location().url || 'about:blank').pathname;
      const index = this.expected.findIndex(
        (each) => (typeof each.path === 'string' ? each.path === path : each.path.test(path)) && message.text().includes(typeof each.failure === 'number' ? `status of ${each.failure}` : each.failure),
      );
      if (index >= 0) this.expected.splice(index, 1);
      else this.unexpected.push(`console.error at ${message.location().url}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.unexpected.push(`page error: ${error.message}`));
  }

  /** Allows one error of a request the test is about to make fail on purpose (it may also not happen, e.g. served from page data). */
  expect(path: string | RegExp, failure: number | string): void {
    this.expected.push({ path, failure });
  }

  /** Fails on any error nobody announced. */
  check(): void {
    expect(this.unexpected).toEqual([]);
  }
}
