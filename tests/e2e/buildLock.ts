import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../../tools/library.ts';

const LOCK = join(PROJECT_ROOT, 'node_modules', '.cache', 'hold-the-line', 'dist.lock');
const WAIT_MS = 20 * 60_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser tests build dist/ and serve it for the whole run, so a second run started meanwhile
 * (another terminal, an editor's test runner) would rebuild it under the first one's pages. Runs
 * take turns: the lock is a folder (created atomically) naming its owner's pid, and a lock whose
 * owner has died is taken over.
 */
export async function takeDistLock(): Promise<() => void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK, { recursive: false });
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (owner > 0 && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another browser test run has held ${LOCK} for ${WAIT_MS / 60_000} minutes (pid ${owner})`);
      else await sleep(500);
    }
  }
}
