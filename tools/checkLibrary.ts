import { readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import {
  analyseConversation,
  checkMissingText,
  checkPaths,
  checkScenarioText,
  COMMON_NAMESPACE,
  describeAnalysis,
  flattenKeys,
  formatProblem,
  missingPluralForms,
  pluralBase,
  type LocaleFile,
  type PathFinding,
  type Problem,
  type ScenarioBundle,
} from '../src/index.ts';
import { collectScenarioFiles, displayPath, LOCALES_DIR, localesDirFor, readLocaleFiles, readScenarioFile } from './library.ts';

/**
 * Every check on the dialogue library, in one place: `npm run lint:dialogues` prints what it finds
 * and the build refuses to ship with any of it, so the two cannot drift apart.
 */

/** One scenario file as the checks left it. */
export interface ScenarioCheck {
  /** The file's name without extension, which a valid scenario's id must match. */
  id: string;
  /** Errors: the lint fails and the build refuses the library. */
  problems: Problem[];
  /** Warnings: printed, and nothing fails. */
  warnings: Problem[];
  /** The scenario and its text in every language, when it has no problems (warnings do not count). */
  bundle?: ScenarioBundle;
  /** Paths, endings and score bounds, when the file got as far as path analysis. */
  summary?: string;
}

export interface LibraryCheck {
  scenarios: ScenarioCheck[];
  /** Every problem (error), the scenarios' and the shared text's, in the order the lint prints them. */
  problems: Problem[];
  /** Every warning, printed after the problems; they fail neither the lint nor the build. */
  warnings: Problem[];
}

/** `file:path: warning: reason (line N)`. */
export const formatWarning = (warning: Problem) => formatProblem({ ...warning, message: `warning: ${warning.message}` });

/** Checks the scenario files named by `targets` (files, or folders one level deep) and the game's shared text. */
export function checkLibrary(targets: readonly string[]): LibraryCheck {
  const { files, missing } = collectScenarioFiles(targets);
  const scenarios = files.map(checkScenarioFile);
  const problems = [
    ...missing.map((target): Problem => ({ file: target, path: '', message: 'no such file or folder' })),
    ...scenarios.flatMap((scenario) => scenario.problems),
    ...checkSharedText(),
  ];
  return { scenarios, problems, warnings: scenarios.flatMap((scenario) => scenario.warnings) };
}

function checkScenarioFile(file: string): ScenarioCheck {
  const id = basename(file, extname(file));
  const parsed = readScenarioFile(file);
  if (!parsed.ok) {
    // The text of the parts that are valid is checked too, so one run reports every problem it can.
    const { parts } = parsed;
    const textProblems = parts?.id === undefined ? [] : checkMissingText(parts, readLocaleFiles(localesDirFor(file), parts.id));
    return { id, problems: [...parsed.problems, ...textProblems], warnings: [] };
  }
  const locales = readLocaleFiles(localesDirFor(file), parsed.scenario.id);
  const analysis = analyseConversation(parsed.scenario);
  const findings = checkPaths(parsed.scenario, analysis);
  const errors = findings.filter((finding) => finding.severity === 'error').map(({ path, message }) => parsed.locate(path, message));
  const problems = [...checkScenarioText(parsed.scenario, locales), ...errors];
  const warnings = locateWarnings(file, findings.filter((finding) => finding.severity === 'warning'), parsed.locate);
  const summary = describeAnalysis(parsed.scenario, analysis);
  if (problems.length > 0) return { id, problems, warnings, summary };
  const text = Object.fromEntries(locales.flatMap((locale) => ('data' in locale ? [[languageOf(locale.file), locale.data as Record<string, unknown>]] : [])));
  return { id, problems, warnings, summary, bundle: { scenario: parsed.scenario, text } };
}

const languageOf = (localeFile: string) => basename(dirname(localeFile));

/**
 * Places warnings like `locate` does, reading the line of a warning at a top-level field written
 * on one line (`difficulty: 3`, where the difficulty warning goes) straight from the text: `locate`
 * builds the positioned YAML document, which costs more than the whole path analysis, and a library
 * with nothing but warnings would pay it on every run. Anything else goes to `locate`.
 */
function locateWarnings(file: string, findings: readonly PathFinding[], locate: (path: PathFinding['path'], message: string) => Problem): Problem[] {
  if (findings.length === 0) return [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  return findings.map(({ path, message }) => {
    const [field, ...rest] = path;
    const at = typeof field === 'string' && rest.length === 0 ? lines.findIndex((line) => line.startsWith(`${field}:`)) : -1;
    const inline = at >= 0 && (lines[at] ?? '').slice(`${field}:`.length).replace(/(^|\s)#.*$/, '').trim() !== '';
    return inline ? { file: displayPath(file), path: String(field), message, line: at + 1 } : locate(path, message);
  });
}

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
