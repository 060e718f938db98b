import type { Scenario } from './scenario/schema.ts';

/** What the browser gets for one scenario: checked structure plus its text in every language. */
export interface ScenarioBundle {
  scenario: Scenario;
  /** Language → the scenario's locale JSON (nested, as in `locales/<lng>/<id>.json`). */
  text: Record<string, Record<string, unknown>>;
}

/** What the menu needs before any scenario is loaded. */
export interface CatalogEntry {
  id: string;
  channel: Scenario['channel'];
  difficulty: number;
  temperament: Scenario['temperament'];
  /** The customer's mood at the start, so the first portrait can load while Phaser boots. */
  mood: number;
  timed: boolean;
  /** Language → the menu's share of the scenario's text (title, brief, customer). */
  text: Record<string, Record<string, unknown>>;
}

/** Keys of a scenario's text that the menu shows; the rest loads with the scenario. */
export const CATALOG_KEYS = ['title', 'brief', 'customer'] as const;

/** The order scenarios are listed and played in: easiest first, then by id (the menu and "next scenario" agree on it). */
export const catalogOrder = (a: Pick<CatalogEntry, 'difficulty' | 'id'>, b: Pick<CatalogEntry, 'difficulty' | 'id'>) => a.difficulty - b.difficulty || a.id.localeCompare(b.id);
