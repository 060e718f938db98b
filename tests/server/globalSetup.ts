import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/connect.ts';
import { loadLibrary, type ScenarioVersion } from '../../server/library.ts';
import { startPostgres } from './postgres.ts';
import { seedHarnessCohort } from './seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's admin URL; each test file creates its own database in it. */
    postgresUrl: string;
    /** A migrated, seeded PGlite folder; each test file copies it, since a new folder takes seconds to initialise. */
    pgliteTemplate: string;
    /** The checked library, loaded once for every test file (the server itself loads it once at start). */
    library: ScenarioVersion[];
  }
}

/** Starts one PostgreSQL cluster, prepares one PGlite folder and checks the library for the whole server suite; removes the first two after it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  const templateRoot = mkdtempSync(join(tmpdir(), 'htl-pglite-template-'));
  try {
    const pgliteTemplate = join(templateRoot, 'data');
    const template = await openDatabase({ kind: 'pglite', dataDir: pgliteTemplate });
    await seedHarnessCohort(template);
    await template.destroy();
    project.provide('postgresUrl', postgres.url);
    project.provide('pgliteTemplate', pgliteTemplate);
    project.provide('library', loadLibrary());
  } catch (error) {
    postgres.stop();
    rmSync(templateRoot, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    postgres.stop();
    rmSync(templateRoot, { recursive: true, force: true });
  };
}
