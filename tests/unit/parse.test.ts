import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { collectScenarioFiles, DIALOGUES_DIR } from '../../tools/library.ts';
import { formatProblem, parseScenario } from '../../src/scenario/index.ts';
import { FIXTURES, parseYaml } from '../helpers.ts';

const EXAMPLE = readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8');

function problemsFor(text: string): string[] {
  const result = parseScenario(text, 'dialogues/broken.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

/** Each row breaks the valid example in one way and names the message an author must see. */
const BROKEN: { name: string; from: string; to: string; expected: string }[] = [
  { name: 'a typo in a field name', from: 'skills: { calm: 2, notPersonal: 1', to: 'skills: { calmm: 2, notPersonal: 1', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills.calmm: unknown field "calmm" (did you mean "calm"?) (line 15)' },
  { name: 'an unknown skill', from: 'concreteFix: 0 }\n        mood: -15', to: 'concreteFix: 0, patience: 2 }\n        mood: -15', expected: 'nodes.opening.replies[0].skills.patience: unknown field "patience"' },
  { name: 'a missing skill', from: '{ calm: 2, notPersonal: 1, empathy: 3, concreteFix: 0 }', to: '{ calm: 2, notPersonal: 1, empathy: 3 }', expected: 'nodes.opening.replies[0].skills.concreteFix: missing required field' },
  { name: 'a skill effect out of range', from: 'calm: 2, notPersonal: 1', to: 'calm: 7, notPersonal: 1', expected: 'nodes.opening.replies[0].skills.calm: Too big' },
  { name: 'a starting mood out of range', from: 'mood: 70 ', to: 'mood: 140 ', expected: 'broken.yaml:mood: Too big' },
  { name: 'a mood change out of range', from: 'mood: -15', to: 'mood: -150', expected: 'nodes.opening.replies[0].mood: Too small' },
  { name: 'an unknown principle', from: 'teaches: [P8]', to: 'teaches: [P20]', expected: 'nodes.opening.replies[0].teaches[0]: unknown principle "P20"' },
  { name: 'a dangling target', from: 'next: insult', to: 'next: insullt', expected: 'nodes.opening.replies[0].next: points to node "insullt", which does not exist (did you mean "insult"?)' },
  { name: 'a dangling route target', from: 'to: posts_review', to: 'to: posts', expected: 'nodes.opening.replies[1].next[0].to: points to node "posts"' },
  { name: 'a dangling start', from: 'start: opening', to: 'start: begin', expected: 'broken.yaml:start: points to node "begin"' },
  { name: 'a duplicate reply id', from: '- id: policy', to: '- id: ask', expected: 'nodes.opening.replies[1].id: duplicate reply id "ask" in node "opening"' },
  { name: 'a duplicate node id', from: '  escalated:\n    ending: escalated', to: '  settled:\n    ending: escalated', expected: 'not valid YAML: a key appears twice in the same mapping (ids must be unique)' },
  { name: 'a last route with a condition', from: '          - to: insult', to: '          - to: insult\n            if: { moodBelow: 10 }', expected: 'nodes.opening.replies[1].next[1].if: the last route must have no "if"' },
  { name: 'a node with both replies and an ending', from: '  insult:\n', to: '  insult:\n    ending: resolved\n', expected: 'nodes.insult: a node has either "replies"' },
  { name: 'an unknown outcome', from: 'ending: escalated', to: 'ending: happy', expected: 'nodes.escalated.ending: Invalid option' },
  { name: 'a bad id', from: 'id: example', to: 'id: Example One', expected: 'broken.yaml:id: ids use lowercase letters' },
  { name: 'a said reference to no reply', from: 'needsComposure: 50', to: 'needsComposure: 50\n        when: { said: [opening.nothing] }', expected: 'nodes.insult.replies[0].when.said[0]: no reply "opening.nothing"' },
  { name: 'an empty condition', from: '          - if: { moodAtLeast: 85 }', to: '          - if: {}', expected: 'nodes.opening.replies[1].next[0].if: a condition needs at least one test' },
];

describe('parseScenario', () => {
  it('accepts the example from docs/authoring.md', () => {
    expect(problemsFor(EXAMPLE)).toEqual([]);
    const scenario = parseYaml(EXAMPLE);
    expect(Object.keys(scenario.nodes)).toContain('insult');
    expect(scenario.breath).toEqual({ seconds: 120, composureGain: 40, neededBelow: 50 });
  });

  it('reads every library file the same with the fast reader as with the one that knows line numbers', () => {
    for (const file of collectScenarioFiles([DIALOGUES_DIR]).files) {
      const text = readFileSync(file, 'utf8');
      expect(load(text, { schema: CORE_SCHEMA }), file).toEqual(parseDocument(text, { schema: 'core' }).toJS());
    }
  });

  it('keeps docs/authoring.md and the fixture in step', () => {
    const doc = readFileSync(join(FIXTURES, '..', '..', 'docs', 'authoring.md'), 'utf8');
    expect(doc).toContain(EXAMPLE.trim());
  });

  it.each(BROKEN)('reports $name with file, path and reason', ({ from, to, expected }) => {
    expect(EXAMPLE).toContain(from);
    const problems = problemsFor(EXAMPLE.replace(from, to));
    expect(problems.some((problem) => problem.includes(expected)), `got:\n${problems.join('\n')}`).toBe(true);
  });

  it.each([
    ['an empty file', '  \n', 'dialogues/broken.yaml: the file is empty'],
    ['a binary file', 'PK\u0003\u0004\u0000\u0000garbage', 'dialogues/broken.yaml: this is not a text file'],
    ['unparseable YAML', 'id: [unclosed\nnodes: {', 'dialogues/broken.yaml: not valid YAML'],
    ['a list instead of a mapping', '- one\n- two\n', 'must be a YAML mapping'],
  ])('gives a message, not a stack trace, for %s', (_name, text, expected) => {
    const problems = problemsFor(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toContain(expected);
  });
});
