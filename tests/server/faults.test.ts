import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { createServer } from '../../server/app.ts';
import { freshDatabase, signIn, testLibrary } from './harness.ts';

test('a new PGlite data folder is readable by the server\'s user only', () => {
  expect(statSync(inject('pgliteTemplate')).mode & 0o777).toBe(0o700);
});

test('a server fault is a 500 without its details, and the server outlives its database going away', async () => {
  const database = await freshDatabase('postgres');
  if (database.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
  const app = await createServer({ database: database.target, library: testLibrary(), secureCookies: false });
  try {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
    const cookies = await signIn(app);
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`drop database ${new URL(database.target.url).pathname.slice(1)} with (force)`);
    await admin.end();
    const response = await app.inject({ method: 'GET', url: `/api/attempts/${randomUUID()}`, cookies });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal error' });
    // The health check says so, for a load balancer to take this instance out of rotation.
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ error: 'the database does not answer' });
  } finally {
    await app.close();
  }
});
