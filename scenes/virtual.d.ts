declare module 'virtual:htl/catalog' {
  import type { CatalogEntry, ScenarioBundle } from '../src/index.ts';
  export const catalog: CatalogEntry[];
  /** Each scenario's module; `hash` names its version as the team server does (tools/scenarioHash.ts). */
  export const loaders: Record<string, () => Promise<{ default: ScenarioBundle & { hash: string } }>>;
  /** Scenarios left out of the catalog for their problems; only the dev server has any (a build with problems fails). */
  export const broken: string[];
  /** The library's problems as `file:path: reason (line N)`, as `npm run lint:dialogues` prints them. */
  export const problems: string[];
}
