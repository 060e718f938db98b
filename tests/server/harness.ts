import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createServer, type ServerConfig } from '../../server/app.ts';
import type { DatabaseTarget } from '../../server/db/connect.ts';
import type { ScenarioVersion } from '../../server/library.ts';

/** The server suite runs every test file against both databases the server supports. */
export const DATABASES = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/** The checked library, as globalSetup loaded it. */
export const testLibrary = (): ScenarioVersion[] => inject('library');

/** A database of its own for one test file: a copy of the migrated PGlite folder, or a new database in the test cluster. */
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
    await work((config = {}) => createServer({ database: database.target, library: testLibrary(), secureCookies: false, ...config }), database.target);
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
      const app = await createServer({ database: database.target, library: testLibrary(), secureCookies: false, ...config });
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

/** Starts a trainee session; the cookies to send as that trainee. */
export async function signIn(app: FastifyInstance, name = 'Dana'): Promise<Cookies> {
  const response = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name } });
  if (response.statusCode !== 201) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));
}

export const post = (app: FastifyInstance, url: string, cookies: Cookies, payload: object): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url, cookies, payload });
