import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { CHUNK_MANIFEST, type ChunkEntry } from '../../tools/vite-chunk-manifest.ts';

/** The budget for the game's first download (issue 15); Phaser alone was 357 KB of the 417 before its own build. */
const INITIAL_JS_BUDGET_KB = 390;
/** Code the game's first screen never needs: other pages, the LMS reporters (loaded only for an LMS launch), the server and tools. */
const NOT_AT_START = [/^views\//, /^client\/lms\//, /^server\//, /^tools\//, /^tests\//];

const DIST = join(PROJECT_ROOT, 'dist');

/** The game's entry chunk and every chunk it imports statically: what the browser fetches before the game can start. */
function initialChunks(): ChunkEntry[] {
  const chunks: ChunkEntry[] = JSON.parse(readFileSync(join(DIST, CHUNK_MANIFEST), 'utf8'));
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
  const entry = chunks.find((chunk) => chunk.entry === 'index.html');
  if (!entry) throw new Error(`${CHUNK_MANIFEST} has no chunk for index.html`);
  const initial = new Map<string, ChunkEntry>();
  const visit = (chunk: ChunkEntry) => {
    if (initial.has(chunk.file)) return;
    initial.set(chunk.file, chunk);
    for (const file of chunk.imports) visit(byFile.get(file) ?? { file, entry: null, imports: [], dynamicImports: [], modules: [] });
  };
  visit(entry);
  return [...initial.values()];
}

// Runs after globalSetup's build.
it(`keeps the game's first download under ${INITIAL_JS_BUDGET_KB} KB gzipped, with nothing in it the first screen does not need`, () => {
  const chunks = initialChunks();
  const modules = chunks.flatMap((chunk) => chunk.modules);
  expect(modules).toContain('scenes/main.ts');
  expect(modules.filter((module) => NOT_AT_START.some((pattern) => pattern.test(module)))).toEqual([]);
  // Phaser comes from the game's own build of its sources, never the whole prebuilt package.
  expect(modules.filter((module) => module.startsWith('node_modules/phaser/dist/'))).toEqual([]);
  expect(modules.some((module) => module.startsWith('node_modules/phaser/src/physics/'))).toBe(false);

  const bytes = chunks.reduce((sum, chunk) => sum + gzipSync(readFileSync(join(DIST, chunk.file))).length, 0);
  expect(bytes / 1024).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
});
