import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for the server tests: Debian's binaries, a temporary folder, a
 * free loopback port and trust authentication for one user. initdb refuses root, so as root the
 * cluster belongs to the `postgres` user.
 */

export interface RunningPostgres {
  url: string;
  stop(): void;
}

const DEBIAN_VERSIONS_DIR = '/usr/lib/postgresql';

/** PG_BIN when set (and then only it), else the newest Debian version, else whatever pg_config names. */
export function findBinaries(): string {
  const pgBin = process.env.PG_BIN;
  const candidates = pgBin ? [pgBin] : [...debianBinDirs(), pgConfigBinDir()].filter((dir): dir is string => !!dir);
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    const searched = pgBin ? `PG_BIN (${pgBin})` : `${DEBIAN_VERSIONS_DIR}/*/bin or pg_config --bindir`;
    throw new Error(`The server tests need PostgreSQL's server binaries (initdb, pg_ctl) and found none in ${searched}. On Debian: apt-get install postgresql.`);
  }
  return found;
}

function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_VERSIONS_DIR)) return [];
  const versions = readdirSync(DEBIAN_VERSIONS_DIR).filter((name) => /^\d+$/.test(name));
  return versions.sort((a, b) => Number(b) - Number(a)).map((version) => join(DEBIAN_VERSIONS_DIR, version, 'bin'));
}

function pgConfigBinDir(): string | undefined {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** `durable` keeps PostgreSQL's defaults (fsync, synchronous commit), as a real server runs: for benchmarks, not tests. */
export async function startPostgres({ durable = false } = {}): Promise<RunningPostgres> {
  const bin = findBinaries();
  const root = mkdtempSync(join(tmpdir(), 'htl-postgres-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(root, ...postgresIds());
  const run = (command: string, args: string[]) => {
    const [file, fileArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
    execFileSync(file, fileArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', dataDir, '-U', 'htl', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    // Loopback only, sockets in the temporary folder, and no fsync: a test cluster trades durability for speed.
    const speed = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1${speed}`;
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL from ${bin}: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  return {
    url: `postgres://htl@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function postgresIds(): [number, number] {
  const ids = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return [ids('-u'), ids('-g')];
}
