import type { AddressInfo } from 'node:net';
import { createServer } from './app.ts';
import { configFromEnv } from './config.ts';
import { loadLibrary } from './library.ts';

/** `npm start` after the build: the team server on one port, until SIGINT or SIGTERM closes it (and its database) cleanly. */
async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  let setupToken: string | undefined;
  const app = await createServer({ ...config, library: loadLibrary(), logger: true, onFirstAdminToken: (token) => (setupToken = token) });
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.database.dataDir}`;
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close(); // a taken port must not leave the database open
    throw error;
  }
  app.log.info(`Hold the Line: records in ${where}`);
  if (setupToken) {
    const { port } = app.server.address() as AddressInfo;
    const origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    // The one line an operator needs on first start; the token is valid until used, or until the next start replaces it.
    console.log(`Create the first admin account: ${origin}/staff.html#setup=${setupToken}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
