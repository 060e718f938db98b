import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
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
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const databaseEnv = (target: DatabaseTarget): Record<string, string> =>
  target.kind === 'postgres' ? { DATABASE_URL: target.url } : { HTL_DATA_DIR: target.dataDir };

/** Starts server/main.ts on `target` and resolves once it listens (Fastify's own log line names the port it was given). */
export async function startServerProcess(target: DatabaseTarget, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx/esm', 'server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...databaseEnv(target), HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  // The server logs every request: the pipes must be read to the end, or a full pipe blocks it.
  const listening = new Promise<string>((resolve) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (lines.length < 200) lines.push(line);
        const origin = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (origin) resolve(origin);
      });
    }
  });
  const output = () => lines.join('\n');
  const origin = await Promise.race([listening, exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before it listened:\n${output()}`)))]);
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
