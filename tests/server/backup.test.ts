import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { main as backup } from '../../tools/cli/backup.ts';
import { main as restore } from '../../tools/cli/restore.ts';
import { runTool } from '../helpers.ts';
import { freshDatabase, signIn, startServer, type Cookies } from './harness.ts';
import { decide, getAttempt, nextLegal, playThrough, startAttempt } from './play.ts';

const scratch = mkdtempSync(join(tmpdir(), 'htl-backup-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// PGlite only: a PostgreSQL server is backed up with pg_dump (docs/deploy.md).
test('a PGlite backup restored into a new folder serves the same trainees, attempts and scores (PGlite)', { timeout: 120_000 }, async () => {
  const database = await freshDatabase('pglite');
  if (database.target.kind !== 'pglite') throw new Error('expected PGlite');
  const { dataDir } = database.target;
  const backups = join(scratch, 'backups');
  const restored = join(scratch, 'restored');
  try {
    // Two trainees: one finished attempt, one in the middle.
    let app = await startServer(database.target);
    const played: { cookies: Cookies; attempt: string }[] = [];
    const dana = await signIn(app, 'Dana');
    played.push({ cookies: dana, attempt: await startAttempt(app, dana) });
    await playThrough(() => app, dana, played[0]?.attempt ?? '');
    const lev = await signIn(app, 'Лев <img src=x onerror=alert(1)>');
    played.push({ cookies: lev, attempt: await startAttempt(app, lev) });
    expect((await decide(app, lev, played[1]?.attempt ?? '', 0, nextLegal([]) ?? { kind: 'breath' })).statusCode).toBe(201);
    const before = await Promise.all(played.map(async ({ cookies, attempt }) => (await getAttempt(app, cookies, attempt)).json()));

    const whileRunning = await runTool(backup, [join(scratch, 'running.tar.gz'), '--data-dir', dataDir]);
    expect(whileRunning.code).toBe(2);
    expect(whileRunning.stderr).toMatch(/open in a running server.*stop the server/);
    await app.close();

    mkdirSync(backups);
    const made = await runTool(backup, [backups, '--data-dir', dataDir]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const [file] = readdirSync(backups);
    expect(file).toMatch(/^htl-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
    const backupFile = join(backups, file as string);
    expect(made.stdout).toContain(`Backed up 2 trainees, 2 attempts, ${before[0].decisions.length + 1} decisions`);
    expect((await runTool(backup, [backupFile, '--data-dir', dataDir])).stderr).toMatch(/exists: a backup never overwrites/);

    const notABackup = join(scratch, 'notes.txt');
    writeFileSync(notABackup, 'not a tarball');
    const refused = await runTool(restore, [notABackup, '--data-dir', join(scratch, 'never')]);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/is not a backup made by npm run backup/)]);
    expect(readdirSync(scratch)).not.toContain('never');
    expect((await runTool(restore, [backupFile, '--data-dir', dataDir])).stderr).toMatch(/is not empty/);

    const done = await runTool(restore, [backupFile, '--data-dir', restored]);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain(`Restored 2 trainees, 2 attempts, ${before[0].decisions.length + 1} decisions`);
    app = await startServer({ kind: 'pglite', dataDir: restored });
    try {
      // The same session cookies still sign the trainees in: sessions are records too.
      const after = await Promise.all(played.map(async ({ cookies, attempt }) => (await getAttempt(app, cookies, attempt)).json()));
      expect(after).toEqual(before);
      expect(after[0].score).not.toBeNull();
    } finally {
      await app.close();
    }
  } finally {
    await database.remove();
  }
});
