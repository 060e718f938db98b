import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseTarget } from '../../server/db/connect.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { HARNESS_JOIN_CODE } from './seed.ts';

/**
 * The real server as its own process (`server/main.ts`, as `npm start` runs it) on a free loopback
 * port: for what only a process shows, a SIGKILL mid-write, a restart, a benchmark that does not
 * share the server's event loop. No Vitest here, so the benchmark can use it too.
 */

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  child: ChildProcess;
  /** Resolves with the exit code (null after a signal) when the process ends. */
  exited: Promise<number | null>;
  /** What the process printed so far (its first 20,000 characters), for failure messages; gone once it ends. */
  output(): string;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const databaseEnv = (target: DatabaseTarget): Record<string, string> =>
  target.kind === 'postgres' ? { DATABASE_URL: target.url } : { HTL_DATA_DIR: target.dataDir };

/**
 * Starts server/main.ts on `target` and resolves once it listens (Fastify's own log line names the
 * port it was given). The log goes to a file, as in production: the server writes it
 * synchronously, and a pipe its reader is too busy to empty would stall the server (pino waits
 * 100 ms and retries), which a benchmark would then measure.
 */
export async function startServerProcess(target: DatabaseTarget, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const logDir = mkdtempSync(join(tmpdir(), 'htl-server-log-'));
  const logFile = join(logDir, 'server.log');
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx/esm', 'server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...databaseEnv(target), HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(logDir, { recursive: true, force: true }));
  const output = () => readFileSync(logFile, { encoding: 'utf8', flag: 'a+' }).slice(0, 20_000);
  let origin: string | undefined;
  for (let ended = false; !origin; await sleep(25)) {
    if (ended) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it listened:\n${output()}`);
    ended = child.exitCode !== null || child.signalCode !== null;
    origin = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
  }
  return {
    origin,
    child,
    exited,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Joins the harness cohort (tests/server/seed.ts) over HTTP as a new trainee; the Cookie header to send as them. */
export async function joinOverHttp(origin: string, name: string): Promise<string> {
  const response = await fetch(`${origin}/api/trainees`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, joinCode: HARNESS_JOIN_CODE }) });
  if (response.status !== 201) throw new Error(`joining failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('htl_session='));
  if (!cookie) throw new Error('joining set no session cookie');
  return cookie.split(';')[0] as string;
}

/** A JSON request as a trainee (a POST when there is a body): the status and the answer, as the caller expects it to read. */
export async function requestAs<T = unknown>(cookie: string, origin: string, path: string, body?: object): Promise<{ status: number; json: T }> {
  const init: RequestInit = body ? { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) } : { headers: { cookie } };
  const response = await fetch(`${origin}${path}`, init);
  return { status: response.status, json: (await response.json()) as T };
}
