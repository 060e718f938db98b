import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ConsoleMessage, Page } from 'playwright-core';
import { createServer } from '../../server/app.ts';
import { loadLibrary } from '../../server/library.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { freePort } from '../server/postgres.ts';

/**
 * The real team server for browser tests: `createServer` over a fresh PGlite folder, serving the
 * dist/ the browser globalSetup built, on a loopback port. It can be stopped and started again on
 * the same port and folder, as a server that went down and came back.
 */
export interface TeamServer {
  origin: string;
  /** The first-admin token the server printed at its first start. */
  setupToken: string;
  running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

export async function startTeamServer(): Promise<TeamServer> {
  const root = mkdtempSync(join(tmpdir(), 'htl-e2e-team-'));
  const library = loadLibrary();
  const port = await freePort();
  let setupToken = '';
  let app: FastifyInstance | undefined;
  const sockets = new Set<Socket>();
  const start = async () => {
    app = await createServer({
      database: { kind: 'pglite', dataDir: join(root, 'data') },
      library,
      staticDir: join(PROJECT_ROOT, 'dist'),
      secureCookies: false,
      onFirstAdminToken: (token) => (setupToken ||= token),
      publicRequestsPerMinute: 10_000,
    });
    await app.listen({ host: '127.0.0.1', port });
    app.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  };
  await start();
  const server: TeamServer = {
    origin: `http://127.0.0.1:${port}`,
    setupToken,
    running: true,
    async stop() {
      // Down means down: the browser's kept-alive connections go too, rather than holding the close.
      for (const socket of sockets) socket.destroy();
      await app?.close();
      app = undefined;
      server.running = false;
    },
    async start() {
      await start();
      server.running = true;
    },
    async close() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}

export interface Answer {
  status: number;
  body: unknown;
  cookie: string | undefined;
}

/** One API request from Node, as a staff tool would make it (no Origin header); `cookie` is sent as is. */
export async function api(server: TeamServer, method: string, path: string, body?: unknown, cookie?: string): Promise<Answer> {
  const response = await fetch(server.origin + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const set = response.headers.getSetCookie().map((line) => line.split(';')[0]).filter((pair) => pair && !pair.endsWith('='));
  return { status: response.status, body: text ? JSON.parse(text) : undefined, cookie: set.length > 0 ? set.join('; ') : undefined };
}

export async function expectAnswer(answer: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const got = await answer;
  if (got.status !== status) throw new Error(`${what}: expected ${status}, got ${got.status} ${JSON.stringify(got.body)}`);
  return got;
}

/**
 * Console errors and page errors, each with the URL it is about. A test subtracts exactly the
 * ones it caused on purpose (`allow`) and expects the rest to be none.
 */
export interface ErrorLog {
  entries: { text: string; url: string }[];
  /** Drops the entries `matches` accepts (only those logged from position `from` to `to`, when given); returns how many it dropped. */
  allow(matches: (entry: { text: string; url: string }) => boolean, from?: number, to?: number): number;
}

export function watchErrors(page: Page): ErrorLog {
  const log: ErrorLog = {
    entries: [],
    allow(matches, from = 0, to = log.entries.length) {
      const before = log.entries.length;
      log.entries = log.entries.filter((entry, index) => index < from || index >= to || !matches(entry));
      return before - log.entries.length;
    },
  };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') log.entries.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => log.entries.push({ text: `page error: ${error.message}`, url: page.url() }));
  return log;
}


