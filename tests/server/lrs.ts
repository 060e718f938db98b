import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../tools/library.ts';

/**
 * A real LRS for the tests: Learning Locker's statements service (tools/lrs, installed with
 * `npm ci --prefix tools/lrs`), statements in memory. It checks credentials the way Learning
 * Locker deploys it (AUTH_REPO=fetch): it asks a client-info endpoint about each request's
 * Authorization header; the one here stands in for Learning Locker's client store and knows one
 * client, test:test. So a wrong password is a real 401 from the LRS.
 */

export const LRS_USERNAME = 'test';
export const LRS_PASSWORD = 'test';

const LRS_DIR = join(PROJECT_ROOT, 'tools', 'lrs', 'node_modules', '@learninglocker', 'xapi-statements');
const READY_WITHIN_MS = 30_000;

/** Learning Locker's own test client, with every scope. */
const CLIENT = {
  _id: '58fe13e34effd3c26a7fc4b7',
  title: 'Hold the Line tests',
  authority: { objectType: 'Agent', mbox: 'mailto:client@example.org' },
  isTrusted: true,
  lrs_id: '58fe13e34effd3c26a7fc4b7',
  organisation: '58fe13e34effd3c26a7fc4b6',
  scopes: ['all'],
};

export interface Lrs {
  /** The xAPI base the team server is configured with. */
  endpoint: string;
  /** Every statement the LRS holds (statements are lost when it stops: it keeps them in memory). */
  statements(query?: Record<string, string>): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startLrs(): Promise<Lrs> {
  if (!existsSync(join(LRS_DIR, 'dist', 'server.js'))) throw new Error('the test LRS is not installed: run `npm ci --ignore-scripts --prefix tools/lrs`');
  const expected = `Basic ${Buffer.from(`${LRS_USERNAME}:${LRS_PASSWORD}`).toString('base64')}`;
  const clients = createServer((request, response) => {
    const known = request.headers.authorization === expected;
    response.writeHead(known ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(known ? CLIENT : { message: 'no such client' }));
  });
  const clientsPort = await listen(clients);
  const port = await freePort();
  const workDir = mkdtempSync(join(tmpdir(), 'htl-lrs-'));
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  let child: ChildProcess | undefined;
  let output = '';

  async function start(): Promise<void> {
    output = '';
    child = spawn(process.execPath, [join(LRS_DIR, 'dist', 'server.js')], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH,
        AUTH_REPO: 'fetch',
        LL_CLIENT_INFO_ENDPOINT: `http://127.0.0.1:${clientsPort}/client`,
        EVENTS_REPO: 'test',
        MODELS_REPO: 'memory',
        STORAGE_REPO: 'local',
        EXPRESS_PORT: String(port),
        FS_LOCAL_STORAGE_DIR: join(workDir, 'storage'),
        EXPRESS_MORGAN_DIRECTORY: join(workDir, 'logs'),
        WINSTON_CONSOLE_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + READY_WITHIN_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the test LRS exited (${child.exitCode}):\n${output}`);
      const about = await fetch(`${endpoint}about`).catch(() => undefined);
      if (about?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the test LRS did not answer within ${READY_WITHIN_MS} ms:\n${output}`);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }

  await start();
  return {
    endpoint,
    async statements(query = {}) {
      const found: Record<string, unknown>[] = [];
      let next: string | undefined = `${endpoint}statements?${new URLSearchParams({ limit: '500', ...query })}`;
      while (next) {
        const response = await fetch(next, { headers: { authorization: expected, 'x-experience-api-version': '1.0.3' } });
        if (!response.ok) throw new Error(`the LRS answered ${response.status}: ${await response.text()}`);
        const page = (await response.json()) as { statements: Record<string, unknown>[]; more?: string };
        found.push(...page.statements);
        next = page.more ? new URL(page.more, endpoint).href : undefined;
      }
      return found;
    },
    stop,
    async restart() {
      await stop();
      await start();
    },
    async close() {
      await stop();
      await new Promise((resolve) => clients.close(resolve));
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A port nothing listens on now: the LRS must come back on the same one after a restart. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
