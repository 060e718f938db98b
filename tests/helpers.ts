import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { linesOf, type CliMain } from '../tools/cli/io.ts';
import { collectScenarioFiles, DIALOGUES_DIR, PROJECT_ROOT, readScenarioFile } from '../tools/library.ts';
import { parseScenario, type Scenario } from '../src/index.ts';

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

/** What a tool printed and the exit code it ended with. */
export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool's `main` in-process, with `input` piped to it as its bin entry would pipe stdin. */
export async function runTool(main: CliMain, args: string[], input = ''): Promise<ToolRun> {
  const result = { code: -1, stdout: '', stderr: '' };
  result.code = await main(args, {
    stdin: linesOf(Readable.from([input])),
    isTTY: false,
    stdout: (text) => void (result.stdout += text),
    stderr: (text) => void (result.stderr += text),
  });
  return result;
}
