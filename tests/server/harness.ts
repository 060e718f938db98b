import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createServer, type ServerConfig } from '../../server/app.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import type { StaffRole } from '../../server/db/schema.ts';
import type { ScenarioVersion } from '../../server/library.ts';
import { HARNESS_JOIN_CODE, seedHarnessCohort } from './seed.ts';

/** The server suite runs every test file against both databases the server supports. */
export const DATABASES = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/** The checked library, as globalSetup loaded it. */
export const testLibrary = (): ScenarioVersion[] => inject('library');

/** A database of its own for one test file: a copy of the migrated PGlite folder, or a new database in the test cluster; both hold the harness cohort (seed.ts). */
export async function freshDatabase(kind: DatabaseKind): Promise<{ target: DatabaseTarget; remove(): Promise<void> }> {
  if (kind === 'pglite') {
    const root = mkdtempSync(join(tmpdir(), 'htl-pglite-'));
    const dataDir = join(root, 'data');
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
    return { target: { kind, dataDir }, remove: async () => rmSync(root, { recursive: true, force: true }) };
  }
  const name = `htl_${randomUUID().replaceAll('-', '')}`;
  const admin = inject('postgresUrl');
  await withClient(admin, (client) => client.query(`create database ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind, url: url.href });
  await seedHarnessCohort(db).finally(() => db.destroy());
  return { target: { kind, url: url.href }, remove: () => withClient(admin, (client) => client.query(`drop database ${name} with (force)`)) };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` with a fresh database and a way to start servers on it, for tests of what outlives
 * one server; the test closes what it starts, and the database is removed afterwards.
 */
export async function withDatabase(kind: DatabaseKind, work: (start: (config?: Partial<ServerConfig>) => Promise<FastifyInstance>, target: DatabaseTarget) => Promise<void>): Promise<void> {
  const database = await freshDatabase(kind);
  try {
    await work((config = {}) => startServer(database.target, config), database.target);
  } finally {
    await database.remove();
  }
}

export interface TestServer {
  app: FastifyInstance;
  kind: DatabaseKind;
  target: DatabaseTarget;
}

/**
 * Runs `suite` once per database, each time against a fresh server on a fresh database; the
 * getter is read inside tests. `config` overrides the test defaults.
 */
export function describeEachDatabase(name: string, suite: (server: () => TestServer) => void, config: Partial<ServerConfig> = {}): void {
  describe.each(DATABASES)(`${name} (%s)`, (kind) => {
    let current: TestServer | undefined;
    let remove: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const database = await freshDatabase(kind);
      remove = database.remove;
      const app = await startServer(database.target, config);
      current = { app, kind, target: database.target };
    });
    afterAll(async () => {
      await current?.app.close();
      await remove?.();
    });
    suite(() => {
      if (!current) throw new Error('the test server is not running');
      return current;
    });
  });
}

export type Cookies = Record<string, string>;

/** First-admin tokens the servers the harness started printed, for `signInStaff`. */
const setupTokens = new WeakMap<FastifyInstance, string>();

/** A server on `target` with the test defaults (public endpoints not rate-limited unless a test says so); `config` overrides them. */
export async function startServer(target: DatabaseTarget, config: Partial<ServerConfig> = {}): Promise<FastifyInstance> {
  let token: string | undefined;
  const app = await createServer({ database: target, library: testLibrary(), secureCookies: false, publicRequestsPerMinute: 100_000, onFirstAdminToken: (printed) => (token = printed), ...config });
  if (token) setupTokens.set(app, token);
  return app;
}

export const cookiesOf = (response: LightMyRequestResponse): Cookies => Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));

function expectStatus(response: LightMyRequestResponse, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what} failed: ${response.statusCode} ${response.body}`);
}

/** Joins a cohort as a new trainee; the cookies to send as that trainee. */
export async function joinCohort(app: FastifyInstance, joinCode: string, name = 'Dana'): Promise<Cookies> {
  const response = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name, joinCode } });
  expectStatus(response, 201, 'joining a cohort');
  return cookiesOf(response);
}

/** Starts a trainee session in the harness cohort; the cookies to send as that trainee. */
export const signIn = (app: FastifyInstance, name = 'Dana'): Promise<Cookies> => joinCohort(app, HARNESS_JOIN_CODE, name);

export const TEST_PASSWORD = 'correct horse battery';

export interface SignedInStaff {
  id: string;
  username: string;
  cookies: Cookies;
}

const admins = new WeakMap<FastifyInstance, Promise<SignedInStaff>>();

/** The server's first admin, created with the link it printed at start (once per server). */
export function signInAdmin(app: FastifyInstance): Promise<SignedInStaff> {
  let admin = admins.get(app);
  if (!admin) {
    admin = (async () => {
      const token = setupTokens.get(app);
      if (!token) throw new Error('this server printed no first-admin link: start it with startServer on a database without an admin');
      const response = await app.inject({ method: 'POST', url: '/api/setup', payload: { token, username: 'admin', password: TEST_PASSWORD } });
      expectStatus(response, 201, 'creating the first admin');
      return { id: response.json().id, username: 'admin', cookies: cookiesOf(response) };
    })();
    admins.set(app, admin);
  }
  return admin;
}

/** A new staff member with a password, created by the first admin through the API; the first admin itself for 'admin' without a username. */
export async function signInStaff(app: FastifyInstance, role: StaffRole, username?: string): Promise<SignedInStaff> {
  const admin = await signInAdmin(app);
  if (role === 'admin' && username === undefined) return admin;
  username ??= `${role}-${randomUUID().slice(0, 8)}`;
  const created = await app.inject({ method: 'POST', url: '/api/staff/accounts', cookies: admin.cookies, payload: { username, role } });
  expectStatus(created, 201, `creating a ${role}`);
  const set = await app.inject({ method: 'POST', url: '/api/staff/password', payload: { token: linkToken(created.json().link), password: TEST_PASSWORD } });
  expectStatus(set, 200, 'setting a password');
  return { id: created.json().id, username, cookies: cookiesOf(set) };
}

/** The token in a one-time staff link (`…/staff.html#reset=<token>`). */
export const linkToken = (link: string): string => new URL(link).hash.replace(/^#(reset|setup)=/, '');

/** A cohort made by `manager`, as the API returns it. */
export async function createCohort(app: FastifyInstance, manager: SignedInStaff, name = 'November intake'): Promise<{ id: string; name: string; joinCode: string; joinLink: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/cohorts', cookies: manager.cookies, payload: { name } });
  expectStatus(response, 201, 'creating a cohort');
  return response.json();
}

export const post = (app: FastifyInstance, url: string, cookies: Cookies, payload: object): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url, cookies, payload });
