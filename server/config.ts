import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../tools/library.ts';
import type { DatabaseTarget } from './db/connect.ts';
import { xapiConfigFromEnv, type XapiConfig } from './xapi/config.ts';

/** How `npm start` runs, from the environment; every setting has a default that works on one machine. */
export interface StartConfig {
  host: string;
  port: number;
  database: DatabaseTarget;
  staticDir: string;
  secureCookies: boolean;
  /** The address browsers use, when it is not the server's own (behind a proxy): links are built on it. */
  publicUrl: string | undefined;
  /** Behind a reverse proxy: rate limits count the client's address, not the proxy's. */
  trustProxy: boolean;
  /** The LRS to forward xAPI statements to (XAPI_ENDPOINT, XAPI_USERNAME, XAPI_PASSWORD; docs/xapi.md). */
  xapi: XapiConfig | undefined;
  /** A live room with no event for this many hours is ended (HTL_LIVE_IDLE_HOURS). */
  liveIdleHours: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv): StartConfig {
  const port = Number(env.PORT ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const publicUrl = env.HTL_PUBLIC_URL ? publicOrigin(env.HTL_PUBLIC_URL) : undefined;
  const liveIdleHours = Number(env.HTL_LIVE_IDLE_HOURS ?? 12);
  if (!(liveIdleHours > 0)) throw new Error(`HTL_LIVE_IDLE_HOURS must be a number of hours above 0, not "${env.HTL_LIVE_IDLE_HOURS}"`);
  return {
    // Loopback unless asked: opening the server to the network is a decision (docs/deploy.md).
    host: env.HOST ?? '127.0.0.1',
    port,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(env.HTL_DATA_DIR ?? resolve(PROJECT_ROOT, 'data')) },
    staticDir: resolve(PROJECT_ROOT, 'dist'),
    secureCookies: env.HTL_SECURE_COOKIES === '1',
    publicUrl,
    trustProxy: env.HTL_TRUST_PROXY === '1',
    xapi: xapiConfigFromEnv(env, publicUrl),
    liveIdleHours,
  };
}

function publicOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new Error(`HTL_PUBLIC_URL must be a URL such as https://training.example.com, not "${url}"`);
  }
}
