declare module 'virtual:htl/catalog' {
  import type { CatalogEntry, ScenarioBundle } from '../src/content.ts';
  export const catalog: CatalogEntry[];
  export const loaders: Record<string, () => Promise<{ default: ScenarioBundle }>>;
}
