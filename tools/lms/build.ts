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

/** A scenario's line (its title, its brief) as the menu shows it, in the package's language. */
export function scenarioLine(scenarioId: string, language: string, line: string = lineIds.title): string {
  const text = readJson(join(PROJECT_ROOT, 'locales', language, `${scenarioId}.json`))[line];
  return typeof text === 'string' ? text : scenarioId;
}

/** The game's name and tagline in the package's language. */
export function courseTexts(language: string): { title: string; tagline: string } {
  const app = readJson(join(PROJECT_ROOT, 'locales', language, 'common.json')).app as { title?: unknown; tagline?: unknown } | undefined;
  return { title: typeof app?.title === 'string' ? app.title : 'Hold the Line', tagline: typeof app?.tagline === 'string' ? app.tagline : '' };
}

/** Already compressed: stored as they are rather than deflated again. */
const STORED = /\.(woff2?|png|jpe?g|webp|gz|zip)$/;

/** A package zip: the built game from `gameDir` and the given files (course structure, schemas…), all at the root. */
export function zipWithGame(gameDir: string, extra: Record<string, Uint8Array>): { zip: Uint8Array; files: string[] } {
  const files = filesUnder(gameDir);
  const entries: Zippable = { ...extra };
  for (const file of files) entries[file] = [readFileSync(join(gameDir, file)), { level: STORED.test(file) ? 0 : 6 }];
  return { zip: zipSync(entries, { level: 6 }), files };
}

/** The SCORM zip: the built game, imsmanifest.xml, and the schema files the manifest names. */
export function packageScorm(gameDir: string, options: PackageOptions): { zip: Uint8Array; manifest: string; files: string[] } {
  const manifest = scormManifest({
    version: options.version,
    courseTitle: courseTexts(options.language).title,
    scos: options.scenarios.map((scenarioId) => ({ scenarioId, title: scenarioLine(scenarioId, options.language) })),
    language: options.language,
    pass: options.pass,
    files: filesUnder(gameDir),
  });
  const extra: Record<string, Uint8Array> = { 'imsmanifest.xml': new TextEncoder().encode(manifest) };
  for (const { name, path } of schemaFiles(options.version)) extra[name] = readFileSync(path);
  return { ...zipWithGame(gameDir, extra), manifest };
}
