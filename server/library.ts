import { createHash } from 'node:crypto';
import { formatProblem, type Scenario } from '../src/index.ts';
import { checkLibrary } from '../tools/checkLibrary.ts';
import { DIALOGUES_DIR } from '../tools/library.ts';

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

/** SHA-256 of the scenario as JSON with sorted keys, so the same content always has the same name. */
export function scenarioHash(scenario: Scenario): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
