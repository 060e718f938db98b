import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { build, loadConfigFromFile, type PluginOption } from 'vite';
import { lineIds } from '../../src/index.ts';
import { PROJECT_ROOT } from '../library.ts';
import { schemaFiles, scormManifest, type ScormVersion } from './manifest.ts';

/**
 * The game as plain static files for an LMS: the project's own Vite config (same pages, same
 * chunks, relative base './'), less the offline service worker. An LMS serves the package from its
 * own path and origin; a worker registered there would cache the LMS's pages, and the package has
 * nothing to offer offline that the LMS could record. The build runs in mode "scorm", so
 * client/offline.ts (which registers only in mode "production") never asks for sw.js either.
 */
export async function buildStaticGame(outDir: string): Promise<void> {
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'scorm' }, join(PROJECT_ROOT, 'vite.config.ts'), PROJECT_ROOT, 'warn');
  if (!loaded) throw new Error('vite.config.ts did not load');
  const { config } = loaded;
  const isWorkerPlugin = (plugin: PluginOption) => plugin !== null && typeof plugin === 'object' && 'name' in plugin && plugin.name.startsWith('vite-plugin-pwa');
  // VitePWA() is a list of plugins inside the list; one level of nesting is all the config has.
  const plugins = (config.plugins ?? []).flat().filter((plugin) => !isWorkerPlugin(plugin));
  await build({
    ...config,
    configFile: false,
    root: PROJECT_ROOT,
    mode: 'scorm',
    logLevel: 'warn',
    plugins,
    build: { ...config.build, outDir, emptyOutDir: true },
  });
}

/** Every file under a folder, relative to it with forward slashes, in a stable order. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export interface PackageOptions {
  version: ScormVersion;
  scenarios: readonly string[];
  language: string;
  pass: number;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** A scenario's title as the menu shows it, in the package's language. */
function scenarioTitle(scenarioId: string, language: string): string {
  const title = readJson(join(PROJECT_ROOT, 'locales', language, `${scenarioId}.json`))[lineIds.title];
  return typeof title === 'string' ? title : scenarioId;
}

function courseTitle(language: string): string {
  const app = readJson(join(PROJECT_ROOT, 'locales', language, 'common.json')).app as { title?: unknown } | undefined;
  return typeof app?.title === 'string' ? app.title : 'Hold the Line';
}

/** Already compressed: stored as they are rather than deflated again. */
const STORED = /\.(woff2?|png|jpe?g|webp|gz|zip)$/;

/** The zip: the built game from `gameDir`, imsmanifest.xml, and the schema files the manifest names, all at the root. */
export function packageScorm(gameDir: string, options: PackageOptions): { zip: Uint8Array; manifest: string; files: string[] } {
  const files = filesUnder(gameDir);
  const manifest = scormManifest({
    version: options.version,
    courseTitle: courseTitle(options.language),
    scos: options.scenarios.map((scenarioId) => ({ scenarioId, title: scenarioTitle(scenarioId, options.language) })),
    language: options.language,
    pass: options.pass,
    files,
  });
  const entries: Zippable = { 'imsmanifest.xml': new TextEncoder().encode(manifest) };
  for (const { name, path } of schemaFiles(options.version)) entries[name] = readFileSync(path);
  for (const file of files) entries[file] = [readFileSync(join(gameDir, file)), { level: STORED.test(file) ? 0 : 6 }];
  return { zip: zipSync(entries, { level: 6 }), manifest, files };
}
