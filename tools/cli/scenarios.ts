import { basename, extname } from 'node:path';
import { formatProblem, type Scenario } from '../../src/index.ts';
import { collectScenarioFiles, displayPath, readScenarioFile } from '../library.ts';
import { UsageError } from './io.ts';

/**
 * The file of the scenario named on the command line. The id is looked up among the files that are
 * there (never joined into a path), so no id can reach outside the folder.
 */
export function scenarioFileFor(dialoguesDir: string, id: string): string {
  const { files, missing } = collectScenarioFiles([dialoguesDir]);
  if (missing.length > 0) throw new UsageError(`no dialogues folder at ${dialoguesDir}`);
  const idOf = (file: string) => basename(file, extname(file));
  const file = files.find((candidate) => idOf(candidate) === id);
  if (file === undefined) throw new UsageError(`unknown scenario "${id}"; available: ${files.map(idOf).join(', ')}`);
  return file;
}

/** A scenario that parses; a broken one sends the person to the lint, with its problems. */
export function readValidScenario(file: string): Scenario {
  const parsed = readScenarioFile(file);
  if (!parsed.ok) throw new UsageError(`${displayPath(file)} has problems; run npm run lint:dialogues\n${parsed.problems.map(formatProblem).join('\n')}`);
  return parsed.scenario;
}
