import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectScenarioFiles, DIALOGUES_DIR, PROJECT_ROOT, readScenarioFile } from '../tools/library.ts';
import { parseScenario, type Scenario } from '../src/scenario/index.ts';

export const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures');

/** Every scenario in dialogues/, parsed; a broken one fails loudly. */
export function libraryScenarios(): Scenario[] {
  return collectScenarioFiles([DIALOGUES_DIR]).files.map((file) => {
    const parsed = readScenarioFile(file);
    if (!parsed.ok) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.problems)}`);
    return parsed.scenario;
  });
}

export function exampleScenario(): Scenario {
  return parseYaml(readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8'));
}

export function parseYaml(text: string): Scenario {
  const parsed = parseScenario(text, 'test.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}
