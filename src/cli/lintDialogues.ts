import { parseArgs } from 'node:util';
import { flattenKeys } from '../scenario/lineIds.ts';
import { checkScenarioText, formatProblem, type Problem } from '../scenario/index.ts';
import { COMMON_NAMESPACE } from '../i18n/index.ts';
import { collectScenarioFiles, DIALOGUES_DIR, displayPath, LOCALES_DIR, localesDirFor, readLocaleFiles, readScenarioFile } from './project.ts';

/** `npm run lint:dialogues -- [files or folders]`: every problem as `file:path: reason`; exit 1 if any. */
function main(): number {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const { files, missing } = collectScenarioFiles(positionals.length > 0 ? positionals : [DIALOGUES_DIR]);
  const problems: Problem[] = missing.map((target) => ({ file: target, path: '', message: 'no such file or folder' }));
  for (const file of files) {
    const parsed = readScenarioFile(file);
    if (!parsed.ok) problems.push(...parsed.problems);
    else problems.push(...checkScenarioText(parsed.scenario, readLocaleFiles(localesDirFor(file), parsed.scenario.id)));
  }
  problems.push(...checkSharedText());

  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const summary = `${files.length} scenario file${files.length === 1 ? '' : 's'} checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  process.stderr.write(`${summary}\n`);
  return problems.length > 0 ? 1 : 0;
}

/** The shared text (skills, outcomes, principles) must have the same keys in every language. */
function checkSharedText(): Problem[] {
  const locales = readLocaleFiles(LOCALES_DIR, COMMON_NAMESPACE);
  const keySets = locales.map((locale) => ('data' in locale ? new Set(flattenKeys(locale.data).keys()) : new Set<string>()));
  const allKeys = new Set(keySets.flatMap((keys) => [...keys]));
  return locales.flatMap((locale, i): Problem[] => {
    if ('error' in locale) return [{ file: locale.file, path: '', message: locale.error }];
    return [...allKeys].filter((key) => !keySets[i]?.has(key)).map((key) => ({ file: displayPath(locale.file), path: key, message: 'missing here but present in another language' }));
  });
}

process.exitCode = main();
