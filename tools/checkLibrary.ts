import { basename, dirname, extname } from 'node:path';
import {
  analyseConversation,
  checkMissingText,
  checkPaths,
  checkScenarioText,
  COMMON_NAMESPACE,
  describeAnalysis,
  flattenKeys,
  missingPluralForms,
  pluralBase,
  type LocaleFile,
  type Problem,
  type ScenarioBundle,
} from '../src/index.ts';
import { collectScenarioFiles, LOCALES_DIR, localesDirFor, readLocaleFiles, readScenarioFile } from './library.ts';

/**
 * Every check on the dialogue library, in one place: `npm run lint:dialogues` prints what it finds
 * and the build refuses to ship with any of it, so the two cannot drift apart.
 */

/** One scenario file as the checks left it. */
export interface ScenarioCheck {
  /** The file's name without extension, which a valid scenario's id must match. */
  id: string;
  problems: Problem[];
  /** The scenario and its text in every language, when it has no problems. */
  bundle?: ScenarioBundle;
  /** Paths, endings and score bounds, when the file got as far as path analysis. */
  summary?: string;
}

export interface LibraryCheck {
  scenarios: ScenarioCheck[];
  /** Every problem, the scenarios' and the shared text's, in the order the lint prints them. */
  problems: Problem[];
}

/** Checks the scenario files named by `targets` (files, or folders one level deep) and the game's shared text. */
export function checkLibrary(targets: readonly string[]): LibraryCheck {
  const { files, missing } = collectScenarioFiles(targets);
  const scenarios = files.map(checkScenarioFile);
  const problems = [
    ...missing.map((target): Problem => ({ file: target, path: '', message: 'no such file or folder' })),
    ...scenarios.flatMap((scenario) => scenario.problems),
    ...checkSharedText(),
  ];
  return { scenarios, problems };
}

function checkScenarioFile(file: string): ScenarioCheck {
  const id = basename(file, extname(file));
  const parsed = readScenarioFile(file);
  if (!parsed.ok) {
    // The text of the parts that are valid is checked too, so one run reports every problem it can.
    const { parts } = parsed;
    const textProblems = parts?.id === undefined ? [] : checkMissingText(parts, readLocaleFiles(localesDirFor(file), parts.id));
    return { id, problems: [...parsed.problems, ...textProblems] };
  }
  const locales = readLocaleFiles(localesDirFor(file), parsed.scenario.id);
  const analysis = analyseConversation(parsed.scenario);
  const problems = [
    ...checkScenarioText(parsed.scenario, locales),
    ...checkPaths(parsed.scenario, analysis).map(({ path, message }) => parsed.locate(path, message)),
  ];
  const summary = describeAnalysis(parsed.scenario, analysis);
  if (problems.length > 0) return { id, problems, summary };
  const text = Object.fromEntries(locales.flatMap((locale) => ('data' in locale ? [[languageOf(locale.file), locale.data as Record<string, unknown>]] : [])));
  return { id, problems, summary, bundle: { scenario: parsed.scenario, text } };
}

const languageOf = (localeFile: string) => basename(dirname(localeFile));

/** The game's shared text (the project's `common.json`, whichever library is checked) must say the same things in every language, with each language's plural forms. */
function checkSharedText(): Problem[] {
  const locales = readLocaleFiles(LOCALES_DIR, COMMON_NAMESPACE);
  const keysOf = (locale: LocaleFile) => ('data' in locale ? [...flattenKeys(locale.data).keys()] : []);
  const allBases = new Set(locales.flatMap((locale) => keysOf(locale).map(pluralBase)));
  return locales.flatMap((locale): Problem[] => {
    if ('error' in locale) return [{ file: locale.file, path: '', message: locale.error }];
    const keys = keysOf(locale);
    const bases = new Set(keys.map(pluralBase));
    const language = languageOf(locale.file);
    return [
      ...[...allBases].filter((base) => !bases.has(base)).map((path) => ({ file: locale.file, path, message: 'missing here but present in another language' })),
      ...missingPluralForms(language, keys).map((path) => ({ file: locale.file, path, message: `plural form needed in "${language}" where a count is shown` })),
    ];
  });
}
