import { formatProblem, type Scenario } from '../src/index.ts';
import { checkLibrary } from '../tools/checkLibrary.ts';
import { DIALOGUES_DIR } from '../tools/library.ts';
import { scenarioHash } from '../tools/scenarioHash.ts';

export { canonicalJson, scenarioHash } from '../tools/scenarioHash.ts';

/** A scenario version the server plays and scores, named by the hash of its content. */
export interface ScenarioVersion {
  hash: string;
  scenario: Scenario;
}

/**
 * Checks the library as the build does and names each scenario by its content: attempts refer to
 * the exact rules they were played under, so a changed scenario cannot re-score an old attempt.
 */
export function loadLibrary(dialoguesDir = DIALOGUES_DIR): ScenarioVersion[] {
  const checked = checkLibrary([dialoguesDir]);
  if (checked.problems.length > 0) throw new Error(`the scenario library has problems:\n${checked.problems.map(formatProblem).join('\n')}`);
  return checked.scenarios.flatMap(({ bundle }) => (bundle ? [{ hash: scenarioHash(bundle.scenario), scenario: bundle.scenario }] : []));
}
