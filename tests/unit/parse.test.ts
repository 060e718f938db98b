import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseDocument } from 'yaml';
import { collectScenarioFiles, DIALOGUES_DIR } from '../../tools/library.ts';
import { formatProblem, parseScenario } from '../../src/index.ts';
import { authorMessages } from '../../src/scenario/issues.ts';
import { FIXTURES, parseYaml } from '../helpers.ts';

const EXAMPLE = readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8');

function problemsFor(text: string): string[] {
  const result = parseScenario(text, 'dialogues/broken.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

/** Each row breaks the valid example in one way and names the message an author must see, in full. */
const BROKEN: { name: string; from: string; to: string; expected: string }[] = [
  { name: 'a typo in a field name', from: 'skills: { calm: 2, notPersonal: 1', to: 'skills: { calmm: 2, notPersonal: 1', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills.calmm: unknown field "calmm" (did you mean "calm"?) (line 15)' },
  { name: 'a typo in a nested field with a default', from: 'mood: 70 ', to: 'breath: { composureGian: 30 }\nmood: 70 ', expected: 'dialogues/broken.yaml:breath.composureGian: unknown field "composureGian" (did you mean "composureGain"?) (line 6)' },
  { name: 'an unknown skill', from: 'concreteFix: 0 }\n        mood: -15', to: 'concreteFix: 0, patience: 2 }\n        mood: -15', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills.patience: unknown field "patience" (line 15)' },
  { name: 'a missing skill', from: '{ calm: 2, notPersonal: 1, empathy: 3, concreteFix: 0 }', to: '{ calm: 2, notPersonal: 1, empathy: 3 }', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills.concreteFix: missing required field, expected a whole number from -3 to 3 (line 15)' },
  { name: 'a skill effect out of range', from: 'calm: 2, notPersonal: 1', to: 'calm: 7, notPersonal: 1', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills.calm: expected a whole number from -3 to 3, found 7 (line 15)' },
  { name: 'a skill effect that is not whole', from: 'calm: 2, notPersonal: 1', to: 'calm: 1.5, notPersonal: 1', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills.calm: expected a whole number from -3 to 3, found 1.5 (line 15)' },
  { name: 'a starting mood out of range', from: 'mood: 70 ', to: 'mood: 140 ', expected: 'dialogues/broken.yaml:mood: expected a whole number from 0 to 100, found 140 (line 6)' },
  { name: 'a starting mood in words', from: 'mood: 70 ', to: 'mood: fifteen ', expected: 'dialogues/broken.yaml:mood: expected a whole number from 0 to 100, found the text "fifteen" (line 6)' },
  { name: 'a starting mood left empty', from: 'mood: 70 ', to: 'mood: ', expected: 'dialogues/broken.yaml:mood: expected a whole number from 0 to 100, found an empty value (line 6)' },
  { name: 'a mood change out of range', from: 'mood: -15', to: 'mood: -150', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].mood: expected a whole number from -100 to 100, found -150 (line 16)' },
  { name: 'a mood change as a boolean', from: 'mood: -15', to: 'mood: true', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].mood: expected a whole number from -100 to 100, found true (line 16)' },
  { name: 'a version below 1', from: 'version: 1', to: 'version: 0', expected: 'dialogues/broken.yaml:version: expected a whole number of at least 1, found 0 (line 2)' },
  { name: 'a number where text belongs', from: 'teaches: [P8]', to: 'teaches: [8]', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].teaches[0]: expected text, found 8 (line 17)' },
  { name: 'text where a list belongs', from: 'teaches: [P8]', to: 'teaches: P8', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].teaches: expected a list, found the text "P8" (line 17)' },
  { name: 'a number where a mapping belongs', from: 'skills: { calm: 2, notPersonal: 1, empathy: 3, concreteFix: 0 }', to: 'skills: 3', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].skills: expected a mapping (key: value lines), found 3 (line 15)' },
  { name: 'an empty list', from: 'needsComposure: 50', to: 'needsComposure: 50\n        when: { said: [] }', expected: 'dialogues/broken.yaml:nodes.insult.replies[0].when.said: expected a list with at least one entry, found an empty list (line 35)' },
  { name: 'an unknown channel', from: 'channel: phone', to: 'channel: fax', expected: 'dialogues/broken.yaml:channel: expected one of counter, phone, chat, social or email, found the text "fax" (line 3)' },
  { name: 'an unknown outcome', from: 'ending: escalated', to: 'ending: happy', expected: 'dialogues/broken.yaml:nodes.escalated.ending: expected one of resolved, escalated, customerLost or publicComplaint, found the text "happy" (line 50)' },
  { name: 'an unknown principle', from: 'teaches: [P8]', to: 'teaches: [P20]', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].teaches[0]: unknown principle "P20" (use P1–P19 from docs/principles.md) (line 17)' },
  { name: 'a dangling target', from: 'next: insult', to: 'next: insullt', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].next: points to node "insullt", which does not exist (did you mean "insult"?) (line 18)' },
  { name: 'a dangling route target', from: 'to: posts_review', to: 'to: posts', expected: 'dialogues/broken.yaml:nodes.opening.replies[1].next[0].to: points to node "posts", which does not exist (line 25)' },
  { name: 'a dangling start', from: 'start: opening', to: 'start: begin', expected: 'dialogues/broken.yaml:start: points to node "begin", which does not exist (line 10)' },
  { name: 'a next written as a list of node ids', from: 'next: insult', to: 'next: [insult]', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].next: expected a node id, or a list of routes { if?: condition, to: node } whose last has no "if", found a list of plain node ids (write "next: insult" for one node, or "- to: insult" for each route) (line 18)' },
  { name: 'a next written as one route', from: 'next: insult', to: 'next: { to: insult }', expected: 'dialogues/broken.yaml:nodes.opening.replies[0].next: expected a node id, or a list of routes { if?: condition, to: node } whose last has no "if", found a mapping (key: value lines) (line 18)' },
  { name: 'a typo inside a route', from: '          - to: insult', to: '          - too: insult', expected: 'dialogues/broken.yaml:nodes.opening.replies[1].next[1].too: unknown field "too" (did you mean "to"?) (line 26)' },
  { name: 'a duplicate reply id', from: '- id: policy', to: '- id: ask', expected: 'dialogues/broken.yaml:nodes.opening.replies[1].id: duplicate reply id "ask" in node "opening" (line 19)' },
  { name: 'a duplicate node id', from: '  escalated:\n    ending: escalated', to: '  settled:\n    ending: escalated', expected: 'dialogues/broken.yaml: not valid YAML: a key appears twice in the same mapping (ids must be unique) (line 49)' },
  { name: 'a last route with a condition', from: '          - to: insult', to: '          - to: insult\n            if: { moodBelow: 10 }', expected: 'dialogues/broken.yaml:nodes.opening.replies[1].next[1].if: the last route must have no "if", so the conversation can always go on (line 27)' },
  { name: 'a node with both replies and an ending', from: '  insult:\n', to: '  insult:\n    ending: resolved\n', expected: 'dialogues/broken.yaml:nodes.insult: a node has either "replies" (the conversation goes on) or "ending" (it stops), not both or neither (line 28)' },
  { name: 'a bad id', from: 'id: example', to: 'id: Example One', expected: 'dialogues/broken.yaml:id: expected an id (lowercase letters, digits, "_" or "-", starting with a letter), found the text "Example One" (line 1)' },
  { name: 'a bad node id', from: '  settled:\n', to: '  Settled:\n', expected: 'dialogues/broken.yaml:nodes.Settled: expected an id (lowercase letters, digits, "_" or "-", starting with a letter), found the text "Settled" (line 48)' },
  { name: 'a said reference to no reply', from: 'needsComposure: 50', to: 'needsComposure: 50\n        when: { said: [opening.nothing] }', expected: 'dialogues/broken.yaml:nodes.insult.replies[0].when.said[0]: no reply "opening.nothing" in this scenario (line 35)' },
  { name: 'a said reference without its reply', from: 'needsComposure: 50', to: 'needsComposure: 50\n        when: { said: [opening] }', expected: 'dialogues/broken.yaml:nodes.insult.replies[0].when.said[0]: expected a reply reference written as "node.reply", found the text "opening" (line 35)' },
  { name: 'an empty condition', from: '          - if: { moodAtLeast: 85 }', to: '          - if: {}', expected: 'dialogues/broken.yaml:nodes.opening.replies[1].next[0].if: a condition needs at least one test, e.g. moodAtLeast: 80 (line 24)' },
];

describe('parseScenario', () => {
  it('accepts the example from docs/authoring.md', () => {
    expect(problemsFor(EXAMPLE)).toEqual([]);
    const scenario = parseYaml(EXAMPLE);
    expect(Object.keys(scenario.nodes)).toContain('insult');
    expect(scenario.breath).toEqual({ seconds: 120, composureGain: 40, neededBelow: 50 });
    expect(parseYaml(EXAMPLE.replace('start: opening', 'breath: { seconds: 60 }\nstart: opening')).breath).toEqual({ seconds: 60, composureGain: 40, neededBelow: 50 });
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
    expect(problems).toContain(expected);
  });

  it('reports every problem of a file in one run, in file order, including references in otherwise broken replies', () => {
    const text = EXAMPLE.replace('mood: 70 ', 'mood: fifteen ')
      .replace('start: opening', 'start: begin')
      .replace('calm: 2, notPersonal: 1', 'calm: 1.5, notPersonal: 1')
      .replace('next: insult', 'next: insullt')
      .replace('next: escalated', 'nxt: escalated')
      .replace('ending: escalated', 'ending: happy')
      .replace('  insult:\n', '  insult:\n    ending: resolved\n');
    expect(problemsFor(text)).toEqual([
      'dialogues/broken.yaml:mood: expected a whole number from 0 to 100, found the text "fifteen" (line 6)',
      'dialogues/broken.yaml:start: points to node "begin", which does not exist (line 10)',
      'dialogues/broken.yaml:nodes.opening.replies[0].skills.calm: expected a whole number from -3 to 3, found 1.5 (line 15)',
      'dialogues/broken.yaml:nodes.opening.replies[0].next: points to node "insullt", which does not exist (did you mean "insult"?) (line 18)',
      'dialogues/broken.yaml:nodes.insult: a node has either "replies" (the conversation goes on) or "ending" (it stops), not both or neither (line 28)',
      'dialogues/broken.yaml:nodes.insult.replies[2].next: missing required field, expected a node id, or a list of routes { if?: condition, to: node } whose last has no "if" (line 43)',
      'dialogues/broken.yaml:nodes.insult.replies[2].nxt: unknown field "nxt" (did you mean "next"?) (line 47)',
      'dialogues/broken.yaml:nodes.escalated.ending: expected one of resolved, escalated, customerLost or publicComplaint, found the text "happy" (line 51)',
    ]);
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

describe('authorMessages', () => {
  it('names what a true-or-false field expected and what it found', () => {
    const result = z.strictObject({ loud: z.boolean() }).safeParse({ loud: 'yes' }, { error: authorMessages });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['expected true or false, found the text "yes"']);
  });
});
