import { expect, it } from 'vitest';
import { loadLibrary } from '../../server/library.ts';
import { canonicalJson } from '../../tools/scenarioHash.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { contentPlugin, SCENARIO_MODULE_PREFIX } from '../../tools/vite-content-plugin.ts';

type Load = { handler: (this: { error: (message: string) => never }, id: string) => string };

/** The scenario modules the build makes, each read back as the game gets it. */
function builtBundles(ids: string[]): { scenario: unknown; hash: string }[] {
  const { handler } = contentPlugin(PROJECT_ROOT).load as unknown as Load;
  const context = { error: (message: string): never => { throw new Error(message); } };
  return ids.map((id) => JSON.parse(handler.call(context, `\0${SCENARIO_MODULE_PREFIX}${id}`).replace(/^export default /, '').replace(/;\s*$/, '')) as { scenario: unknown; hash: string });
}

it("puts in every scenario's bundle the hash the team server names that version by", () => {
  const server = loadLibrary();
  const built = builtBundles(server.map(({ scenario }) => scenario.id));
  expect(built.map(({ hash }) => hash)).toEqual(server.map(({ hash }) => hash));
  // The hash is of the rules the game plays, as it gets them.
  for (const [index, bundle] of built.entries()) expect(canonicalJson(bundle.scenario)).toBe(canonicalJson(server[index]?.scenario));
  expect(new Set(built.map(({ hash }) => hash)).size).toBe(built.length);
});

it('names content, not key order', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
});
