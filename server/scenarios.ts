import type { Scenario } from '../src/index.ts';
import type { Store } from './db/store.ts';
import type { ScenarioVersion } from './library.ts';

/**
 * Scenario versions by content hash: the library loaded at start, then any older version the
 * database kept. Content never changes under a hash, so whatever is found once stays cached.
 */
export function createScenarioSource(library: readonly ScenarioVersion[], store: Store) {
  const known = new Map(library.map(({ hash, scenario }) => [hash, scenario]));
  return {
    /** What the game should play now: one version per scenario id. */
    served: library.map(({ hash, scenario }) => ({ id: scenario.id, version: scenario.version, hash })),

    /** `read` fetches a version missing from memory; inside a transaction, pass the transaction's reader. */
    async byHash(hash: string, read: Store['scenarioVersion'] = store.scenarioVersion): Promise<Scenario | undefined> {
      const cached = known.get(hash);
      if (cached) return cached;
      const stored = await read(hash);
      if (stored) known.set(hash, stored);
      return stored;
    },
  };
}

export type ScenarioSource = ReturnType<typeof createScenarioSource>;
