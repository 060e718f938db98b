import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadLibrary } from '../../server/library.ts';
import { legalChoices, type Choice, type ControllerMessage, type Scenario } from '../../src/index.ts';
import { Peer, type ServerMessage } from '../server/liveSockets.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { SCREENSHOTS } from './game.ts';
import { axeViolations, launchChromium } from './harness.ts';
import { startTeamServer, type TeamServer } from './teamServer.ts';

/**
 * What the live screens' browser tests share: the trainer as the team server's first admin (who may
 * open rooms), a room, the trainer's side driven over the controller socket as the controller page
 * would (so these tests need no controller page), and the pages of the room in Chromium.
 */

/** What the tests need of a running team server: where it answers, and its first-admin link. */
export interface LiveServer {
  origin: string;
  setupToken: string;
}

export const PASSWORD = 'a long trainer password';

/** The trainer's `htl_staff` cookie, as `name=value`: the server's first admin, created with its one-time link. */
export async function signInTrainer(server: LiveServer): Promise<string> {
  const response = await fetch(`${server.origin}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken, username: 'trainer', password: PASSWORD }) });
  expect(response.status, await response.clone().text()).toBe(201);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').find((pair) => pair.startsWith('htl_staff='));
  if (!cookie) throw new Error('signing in set no htl_staff cookie');
  return cookie;
}

export async function openLiveRoom(server: LiveServer, cookie: string): Promise<{ code: string; joinUrl: string }> {
  const response = await fetch(`${server.origin}/api/live/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { code: string; joinUrl: string };
}

/** Where the phone and projector tests start: the real team server, Chromium, a room open and its trainer on the controller socket. */
export async function roomWithTrainer(): Promise<{ server: TeamServer; browser: Browser; cookie: string; code: string; trainer: Trainer }> {
  const server = await startTeamServer();
  const browser = await launchChromium();
  const cookie = await signInTrainer(server);
  const { code } = await openLiveRoom(server, cookie);
  return { server, browser, cookie, code, trainer: await Trainer.open(server, code, cookie) };
}

/** The scenario the tests run (the library's first), as the server serves it. */
export const testScenario = (): Scenario => (loadLibrary()[0] as { scenario: Scenario }).scenario;

/** The room's trainer over the controller socket: sends events, waits for the room's states. */
export class Trainer {
  private constructor(
    readonly peer: Peer,
    readonly scenario: Scenario,
  ) {}

  static async open(server: LiveServer, code: string, cookie: string): Promise<Trainer> {
    const [name = '', value = ''] = cookie.split('=');
    const peer = await Peer.open(new URL(server.origin).host, code, { controller: true, cookies: { [name]: value }, origin: server.origin });
    return new Trainer(peer, testScenario());
  }

  /** Sends a trainer event and waits until the room has taken it (the next state that passes `test`). */
  async send(event: ControllerMessage['event'], test: (state: ServerMessage) => boolean = () => true): Promise<ServerMessage> {
    const waited = this.peer.state((view) => test(view.state as ServerMessage), `the room after ${event.type}`);
    this.peer.send({ type: 'event', event });
    return (await waited).view.state as ServerMessage;
  }

  /** Starts the session on the test scenario with this roster (participant ids, the hot seat first). */
  start(roster: { id: string; name: string }[] = []): Promise<ServerMessage> {
    return this.send({ type: 'started', scenarios: [{ id: this.scenario.id, version: this.scenario.version }], seed: 7, roster, rotation: { every: 'scenario' } }, (state) => state.phase === 'presenting');
  }

  /** The room's state as the controller last heard it. */
  async current(): Promise<ServerMessage> {
    const states = this.peer.messages.filter((message) => message.type === 'state');
    return states.at(-1)?.view.state as ServerMessage;
  }

  /** The moves on offer now, in the order every screen shows them. */
  async choices(): Promise<Choice[]> {
    const state = await this.current();
    const conversation = state.conversations[state.scenarioIndex];
    return legalChoices(this.scenario, conversation);
  }

  /** Waits until the controller has heard a state passing `test` (e.g. a phone's vote arriving). */
  async until(test: (state: ServerMessage) => boolean, what: string): Promise<ServerMessage> {
    const states = this.peer.messages.filter((message) => message.type === 'state');
    const now = states.at(-1)?.view.state as ServerMessage | undefined;
    if (now && test(now)) return now;
    return (await this.peer.state((view) => test(view.state as ServerMessage), what)).view.state as ServerMessage;
  }
}

/** A browser profile of one person: a phone (360 px, touch) or the trainer's projector (signed in, any size). */
export async function personIn(browser: Browser, options: { viewport: { width: number; height: number }; phone?: boolean; cookie?: string; origin: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.viewport, locale: 'en-GB', ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  if (options.cookie) {
    const [name = '', value = ''] = options.cookie.split('=');
    await context.addCookies([{ name, value, url: options.origin }]);
  }
  return context;
}

/** Waits until the live page's root shows `phase` (and, if given, at least that many events of the room). */
export async function waitForPhase(page: Page, phase: string, seq = 0): Promise<void> {
  await page.waitForFunction(
    ([want, least]) => {
      const root = document.getElementById('live');
      return root?.dataset.phase === want && Number(root.dataset.seq ?? 0) >= least;
    },
    [phase, seq] as const,
  );
}

/** Nothing axe finds, and nothing wider than the window (no sideways scrolling). */
export async function expectCleanScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${name}: nothing wider than the window`).toBeLessThanOrEqual(width);
}

/**
 * A screenshot for a person to look at (test-results/screenshots). One the README shows (`readme`)
 * is also written as docs/screenshots/<name>.jpg when HTL_README_SCREENSHOTS=1, so a run
 * refreshes the README's pictures only when asked.
 */
export async function saveShot(page: Page, name: string, options: { fullPage?: boolean; readme?: boolean } = {}): Promise<void> {
  const fullPage = options.fullPage ?? false;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  if (options.readme && process.env.HTL_README_SCREENSHOTS === '1') await page.screenshot({ path: join(PROJECT_ROOT, 'docs', 'screenshots', `${name}.jpg`), type: 'jpeg', quality: 82, fullPage });
}
