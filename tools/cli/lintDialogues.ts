import { parseArgs } from 'node:util';
import { checkPaths, describeAnalysis } from '../../src/analysis/lint.ts';
import { analysePaths } from '../../src/analysis/paths.ts';
import { flattenKeys } from '../../src/scenario/lineIds.ts';
import { basename, dirname } from 'node:path';
import { checkScenarioText, formatProblem, type LocaleFile, type Problem } from '../../src/scenario/index.ts';
import { missingPluralForms, pluralBase } from '../../src/scenario/plurals.ts';
import { COMMON_NAMESPACE } from '../../src/i18n/index.ts';
import { collectScenarioFiles, DIALOGUES_DIR, LOCALES_DIR, localesDirFor, readLocaleFiles, readScenarioFile } from '../library.ts';

/** Everything the lint says about one scenario file. */
interface FileReport {
  problems: Problem[];
  /** Paths, endings and score bounds, when the file got as far as path analysis. */
  summary?: string;
}

/**
 * `npm run lint:dialogues -- [files or folders]`: schema, references, text in every language and
 * path analysis; every problem as `file:path: reason`, exit 1 if any. A summary per scenario
 * (paths, endings, score bounds) goes to stderr.
 */
function main(): number {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const { files, missing } = collectScenarioFiles(positionals.length > 0 ? positionals : [DIALOGUES_DIR]);
  const reports = files.map(checkFile);
  const problems: Problem[] = [...missing.map((target) => ({ file: target, path: '', message: 'no such file or folder' })), ...reports.flatMap((report) => report.problems), ...checkSharedText()];

  for (const report of reports) if (report.summary) process.stderr.write(`${report.summary}\n`);
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const summary = `${files.length} scenario file${files.length === 1 ? '' : 's'} checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  process.stderr.write(`${summary}\n`);
  return problems.length > 0 ? 1 : 0;
}

function checkFile(file: string): FileReport {
  const parsed = readScenarioFile(file);
  if (!parsed.ok) return { problems: parsed.problems };
  const problems = checkScenarioText(parsed.scenario, readLocaleFiles(localesDirFor(file), parsed.scenario.id));
  const analysis = analysePaths(parsed.scenario);
  problems.push(...checkPaths(parsed.scenario, analysis).map(({ path, message }) => parsed.locate(path, message)));
  return { problems, summary: describeAnalysis(parsed.scenario, analysis) };
}

/** The shared text must say the same things in every language, with each language's plural forms. */
function checkSharedText(): Problem[] {
  const locales = readLocaleFiles(LOCALES_DIR, COMMON_NAMESPACE);
  const keysOf = (locale: LocaleFile) => ('data' in locale ? [...flattenKeys(locale.data).keys()] : []);
  const allBases = new Set(locales.flatMap((locale) => keysOf(locale).map(pluralBase)));
  return locales.flatMap((locale): Problem[] => {
    if ('error' in locale) return [{ file: locale.file, path: '', message: locale.error }];
    const keys = keysOf(locale);
    const bases = new Set(keys.map(pluralBase));
    const language = basename(dirname(locale.file));
    return [
      ...[...allBases].filter((base) => !bases.has(base)).map((path) => ({ file: locale.file, path, message: 'missing here but present in another language' })),
      ...missingPluralForms(language, keys).map((path) => ({ file: locale.file, path, message: `plural form needed in "${language}" where a count is shown` })),
    ];
  });
}

process.exitCode = main();
