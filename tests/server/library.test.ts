import { join } from 'node:path';
import { expect, test } from 'vitest';
import { canonicalJson, loadLibrary, scenarioHash, type ScenarioVersion } from '../../server/library.ts';
import { FIXTURES } from '../helpers.ts';

test('each checked scenario is named by the SHA-256 of its content', () => {
  const library = loadLibrary(join(FIXTURES, 'dialogues'));
  expect(library.map((version) => version.scenario.id)).toEqual(['example']);
  const [{ hash, scenario }] = library as [ScenarioVersion];
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(scenarioHash(structuredClone(scenario))).toBe(hash);
  expect(scenarioHash({ ...scenario, mood: scenario.mood + 1 })).not.toBe(hash);
});

test('the hash ignores key order, which JSON storage does not keep', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
});

test('a library with problems is refused with every problem, as the build refuses it', () => {
  expect(() => loadLibrary(join(FIXTURES, 'paths'))).toThrow(/^the scenario library has problems:\n.*cyclic\.yaml/s);
});
