import { relative } from 'node:path';
import type { Plugin } from 'vite';

export const CHUNK_MANIFEST = '.vite/chunks.json';

/** One built JavaScript chunk: which page it starts (if any), what it loads, and the project's modules inside it. */
export interface ChunkEntry {
  file: string;
  /** The page it is the entry of, relative to the project root (index.html's script: scenes/main.ts). */
  entry: string | null;
  imports: string[];
  dynamicImports: string[];
  /** Source modules bundled into it, relative to the project root (node_modules paths included). */
  modules: string[];
}

/**
 * Writes `dist/.vite/chunks.json`: every chunk with the modules bundled into it. Vite's own
 * manifest names chunks but not what is inside them, and the test that keeps the dashboard, the
 * LMS and server code out of the game's first download needs to know.
 */
export function chunkManifestPlugin(root: string): Plugin {
  const fromRoot = (id: string) => relative(root, id.replace(/\?.*$/, '')).replaceAll('\\', '/');
  return {
    name: 'htl-chunk-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkEntry[] = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk'
          ? [{ file: output.fileName, entry: output.isEntry && output.facadeModuleId ? fromRoot(output.facadeModuleId) : null, imports: output.imports, dynamicImports: output.dynamicImports, modules: output.moduleIds.filter((id) => !id.startsWith('\0')).map(fromRoot) }]
          : [],
      );
      this.emitFile({ type: 'asset', fileName: CHUNK_MANIFEST, source: `${JSON.stringify(chunks, null, 1)}\n` });
    },
  };
}
