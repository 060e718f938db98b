import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createServer } from '../../server/app.ts';
import { configFromEnv } from '../../server/config.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { DATABASES, freshDatabase, testLibrary } from './harness.ts';
import { freePort } from './postgres.ts';

describe('npm start', () => {
  test('defaults: loopback, port 4173, PGlite in ./data, the built game from dist/', () => {
    expect(configFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 4173,
      database: { kind: 'pglite', dataDir: join(PROJECT_ROOT, 'data') },
      staticDir: join(PROJECT_ROOT, 'dist'),
      secureCookies: false,
      trustProxy: false,
      liveIdleHours: 12,
    });
  });

  test('the environment picks the port, the data folder or PostgreSQL, and Secure cookies', () => {
    expect(configFromEnv({ PORT: '8080', HTL_DATA_DIR: '/srv/htl', HTL_SECURE_COOKIES: '1', HOST: '0.0.0.0', HTL_TRUST_PROXY: '1' })).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      database: { kind: 'pglite', dataDir: '/srv/htl' },
      secureCookies: true,
      trustProxy: true,
    });
    expect(configFromEnv({ DATABASE_URL: 'postgres://db/htl' }).database).toEqual({ kind: 'postgres', url: 'postgres://db/htl' });
    expect(() => configFromEnv({ PORT: 'http' })).toThrow(/PORT/);
    expect(configFromEnv({ HTL_PUBLIC_URL: 'https://training.example.com/game/' }).publicUrl).toBe('https://training.example.com');
    expect(() => configFromEnv({ HTL_PUBLIC_URL: 'training.example.com' })).toThrow(/HTL_PUBLIC_URL/);
    expect(configFromEnv({ HTL_LIVE_IDLE_HOURS: '2.5' }).liveIdleHours).toBe(2.5);
    expect(() => configFromEnv({ HTL_LIVE_IDLE_HOURS: '0' })).toThrow(/HTL_LIVE_IDLE_HOURS/);
  });

  test('the game and the API share one port', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'htl-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>Hold the Line</title></head><body></body></html>');
    const database = await freshDatabase('pglite');
    const app = await createServer({ database: database.target, library: testLibrary(), secureCookies: false, staticDir: dist });
    try {
      const page = await app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Hold the Line');
      const scenarios = (await app.inject({ method: 'GET', url: '/api/scenarios' })).json().scenarios;
      expect(scenarios).toHaveLength(testLibrary().length);
      expect(scenarios[0]).toEqual({ id: testLibrary()[0]?.scenario.id, version: testLibrary()[0]?.scenario.version, hash: testLibrary()[0]?.hash });
    } finally {
      await app.close();
      await database.remove();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  test.each(DATABASES)('server/main.ts serves on PORT and closes cleanly on SIGTERM (%s)', async (kind) => {
    const database = await freshDatabase(kind);
    const port = await freePort();
    const env = database.target.kind === 'pglite' ? { HTL_DATA_DIR: database.target.dataDir } : { DATABASE_URL: database.target.url };
    const child = spawn(process.execPath, ['--import', 'tsx/esm', 'server/main.ts'], { cwd: PROJECT_ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    try {
      await until(() => output.includes('records in'), exited);
      const response = await fetch(`http://127.0.0.1:${port}/api/scenarios`);
      expect(response.status).toBe(200);
      // With no admin yet, one line with a one-time link to create the first.
      const links = [...output.matchAll(/Create the first admin account: (\S+)/g)].map((match) => match[1]);
      expect(links).toEqual([expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${port}/staff\\.html#setup=[A-Za-z0-9_-]{43}$`))]);
      child.kill('SIGTERM');
      expect(await exited, output).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await database.remove();
    }
  });
});

/** Waits for `ready`, failing at once if the process ends first. */
async function until(ready: () => boolean, exited: Promise<number | null>): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  while (!ready()) {
    if (ended) throw new Error('the server exited before it was ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
