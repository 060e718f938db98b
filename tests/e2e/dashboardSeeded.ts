import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../server/app.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { loadLibrary } from '../../server/library.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { seedDashboard } from '../../tools/dashboardSeed.ts';

export interface SeededServer {
  origin: string;
  /** The admin's session cookie (`name=value`): an admin sees every seeded cohort. */
  cookie: string;
  traineeIds: string[];
  close(): Promise<void>;
}

/**
 * The real team server on PGlite, serving dist/, with a department's worth of play from
 * tools/dashboardSeed.ts and a signed-in admin: for the results page's browser test at size and
 * for `npm run bench`.
 */
export async function seededTeamServer(size: { trainees: number; attempts: number; seed: number }): Promise<SeededServer> {
  const folder = mkdtempSync(join(tmpdir(), 'htl-dashboard-seeded-'));
  const database = { kind: 'pglite' as const, dataDir: join(folder, 'data') };
  const library = loadLibrary();
  let token = '';
  const start = (): Promise<FastifyInstance> => createServer({ database, library, staticDir: join(PROJECT_ROOT, 'dist'), secureCookies: false, onFirstAdminToken: (offered) => (token ||= offered) });
  let app = await start();
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const setup = await fetch(`${origin}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'admin', password: 'a long enough admin password' }) });
  if (setup.status !== 201) throw new Error(`first admin: ${setup.status} ${await setup.text()}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] as string;
  await app.close();
  // PGlite has one user of its folder at a time: the seed writes while the server is down.
  const db = await openDatabase(database);
  const { traineeIds } = await seedDashboard(db, { ...size, library });
  await db.destroy();
  app = await start();
  await app.listen({ host: '127.0.0.1', port: Number(new URL(origin).port) });
  return {
    origin,
    cookie,
    traineeIds,
    close: async () => {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
