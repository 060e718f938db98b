import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMissingText, checkScenarioText, formatProblem, parseScenario, type LocaleFile } from '../../src/index.ts';
import { exampleScenario, FIXTURES } from '../helpers.ts';

const FILE = 'locales/en/example.json';
const EXAMPLE_YAML = readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8');
/** Just enough of the example's text shape to edit it. */
interface ExampleText {
  nodes: {
    opening: { line: string; replies: { ask: { text?: string } } };
    insult: { replies: { snap?: { feedback?: string }; shout?: { text: string } } };
  };
}
const englishText = () => JSON.parse(readFileSync(join(FIXTURES, 'locales', 'en', 'example.json'), 'utf8')) as ExampleText;

/** The locale file as an author would write it, one key per line, so each key has a line of its own. */
function localeFile(data: unknown): LocaleFile & { text: string } {
  return { file: FILE, text: JSON.stringify(data, null, 2), data };
}

/** The 1-based line of the first occurrence of `needle` after `after`. */
function lineOf(text: string, needle: string, after = ''): number {
  const start = text.indexOf(after);
  return text.slice(0, text.indexOf(needle, start)).split('\n').length;
}

describe('locale problems', () => {
  it('carry the line of the key, or for a missing key the line of its nearest parent', () => {
    const data = englishText();
    data.nodes.opening.line = ' ';
    delete data.nodes.insult.replies.snap?.feedback;
    data.nodes.insult.replies.shout = { text: 'left over' };
    const locale = localeFile(data);
    expect(checkScenarioText(exampleScenario(), [locale]).map(formatProblem)).toEqual([
      `${FILE}:nodes.opening.line: text must be a non-empty string (line ${lineOf(locale.text, '"line"', '"opening"')})`,
      `${FILE}:nodes.insult.replies.snap.feedback: missing text for this line id (line ${lineOf(locale.text, '"snap"')})`,
      `${FILE}:nodes.insult.replies.shout.text: no line in the scenario uses this key (renamed or removed?) (line ${lineOf(locale.text, '"text"', '"shout"')})`,
    ]);
  });

  it('are checked for the valid parts of a scenario that has problems, without guessing which keys are unused', () => {
    const parsed = parseScenario(EXAMPLE_YAML.replace('calm: 2, notPersonal: 1', 'calm: 1.5, notPersonal: 1').replace('- id: snap', '- id: Snap'), 'dialogues/example.yaml');
    if (parsed.ok || parsed.parts === undefined) throw new Error('the broken example should fail with its valid parts');
    const data = englishText();
    delete data.nodes.opening.replies.ask.text;
    delete data.nodes.insult.replies.snap;
    data.nodes.insult.replies.shout = { text: 'left over' };
    const locale = localeFile(data);
    expect(checkMissingText(parsed.parts, [locale]).map(formatProblem)).toEqual([
      `${FILE}:nodes.opening.replies.ask.text: missing text for this line id (line ${lineOf(locale.text, '"ask"')})`,
    ]);
  });

  it('refuse a timer too short to read the line and the replies at 12 characters a second', () => {
    // A timed scenario also needs the customer's line for when time runs out.
    const data = { ...englishText(), timeout: 'Hello? Are you still there?' } as unknown as { nodes: Record<string, { line?: string; replies?: Record<string, { text: string }> }> };
    const onScreen = (node: string) => (data.nodes[node]?.line ?? '').length + Object.values(data.nodes[node]?.replies ?? {}).reduce((sum, reply) => sum + reply.text.length, 0);
    const opening = onScreen('opening');
    const insult = onScreen('insult');
    const seconds = Math.ceil(Math.min(opening, insult) / 12) - 1;
    const timed = { ...exampleScenario(), timer: { seconds, mood: 10 } };
    const messages = checkScenarioText(timed, [localeFile(data)]).map((problem) => `${problem.path}: ${problem.message}`);
    expect(messages).toEqual(
      (
        [
          ['opening', opening],
          ['insult', insult],
        ] as const
      ).map(
        ([node, characters]) =>
          `nodes.${node}: the customer's line and the replies here are ${characters} characters, ${Math.ceil(characters / 12)} s of reading at 12 characters a second, but the timer gives ${seconds} s; raise timer.seconds to at least ${Math.ceil(characters / 12)} or shorten the text`,
      ),
    );
    const generous = { ...exampleScenario(), timer: { seconds: Math.ceil(Math.max(opening, insult) / 12), mood: 10 } };
    expect(checkScenarioText(generous, [localeFile(data)])).toEqual([]);
  });
});
