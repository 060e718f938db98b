import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from 'i18next';
import { COMMON_NAMESPACE, parseScenario, type LocaleFile, type ParseResult } from '../src/index.ts';

/** The content library on disk, for Node: the build plugin, the command-line tools and tests read scenarios and text through it. */

/** The folder holding package.json, found from this file; bundled copies of the tools run from elsewhere in the tree. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dialogues'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Hold the Line project (package.json beside dialogues/) above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const DIALOGUES_DIR = join(PROJECT_ROOT, 'dialogues');

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml']);

/** Paths as authors see them: relative to where they ran the command, or absolute when outside it. */
export function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown === '' || shown.startsWith('..') ? resolve(file) : shown;
}

export function readScenarioFile(file: string): ParseResult {
  const shown = displayPath(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    const reason = error instanceof TypeError ? 'this is not a text file (a scenario is UTF-8 YAML)' : `cannot read the file (${(error as Error).message})`;
    return { ok: false, problems: [{ file: shown, path: '', message: reason }] };
  }
  const result = parseScenario(text, shown);
  const expectedId = basename(file, extname(file));
  if (result.ok && result.scenario.id !== expectedId) {
    return { ok: false, problems: [{ file: shown, path: 'id', message: `id "${result.scenario.id}" must match the file name "${expectedId}"` }] };
  }
  return result;
}

/** Scenario files named directly, or found (one level deep) in named folders. */
export function collectScenarioFiles(targets: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const target of targets) {
    if (!existsSync(target)) missing.push(target);
    else if (statSync(target).isDirectory()) {
      files.push(...readdirSync(target).filter((name) => SCENARIO_EXTENSIONS.has(extname(name))).sort().map((name) => join(target, name)));
    } else files.push(target);
  }
  return { files, missing };
}

/** Text for `<root>/dialogues/<id>.yaml` lives in `<root>/locales/`. */
export const localesBeside = (dialoguesDir: string) => join(dirname(dialoguesDir), 'locales');
export const localesDirFor = (scenarioFile: string) => localesBeside(dirname(scenarioFile));

export function languagesIn(localesDir: string): string[] {
  if (!existsSync(localesDir)) return [];
  return readdirSync(localesDir).filter((name) => statSync(join(localesDir, name)).isDirectory()).sort();
}

export function readLocaleFiles(localesDir: string, namespace: string): LocaleFile[] {
  return languagesIn(localesDir).map((language) => {
    const file = join(localesDir, language, `${namespace}.json`);
    const shown = displayPath(file);
    if (!existsSync(file)) return { file: shown, error: `missing: every language needs ${namespace}.json` };
    try {
      const text = readFileSync(file, 'utf8');
      return { file: shown, text, data: JSON.parse(text) as unknown };
    } catch (error) {
      return { file: shown, error: `not valid JSON: ${(error as Error).message}` };
    }
  });
}

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');

/** i18next resources for one language: the project's shared text plus one scenario's text from `localesDir`. */
export function loadResources(localesDir: string, language: string, scenarioId: string): Resource {
  return {
    [language]: {
      [COMMON_NAMESPACE]: readJson(join(LOCALES_DIR, language, `${COMMON_NAMESPACE}.json`)),
      [scenarioId]: readJson(join(localesDir, language, `${scenarioId}.json`)),
    },
  } as Resource;
}
