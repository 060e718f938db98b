import type { i18n } from 'i18next';
import { catalog, loaders } from 'virtual:htl/catalog';
import { catalogOrder, COMMON_NAMESPACE, decisionTextId, lineIds, type CatalogEntry, type Choice, type Language, type Scenario } from '../../src/index.ts';

/**
 * The game's scenarios as every page needs them (the dashboard, the live room): the catalog (titles, channel, difficulty) at
 * once, and a scenario's graph and text when a screen needs them (loaded once, added to the translator).
 */
export class ScenarioBook {
  readonly entries: readonly CatalogEntry[] = [...catalog].sort(catalogOrder);
  private readonly loaded = new Map<string, Promise<Scenario | undefined>>();
  private readonly ready = new Map<string, Scenario>();

  constructor(private readonly translator: i18n) {}

  entry(id: string): CatalogEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  /** The title in the page's language; a scenario no longer in the game is shown by its id. */
  title(id: string, language: Language): string {
    if (this.translator.exists('title', { ns: id, lng: language })) return String(this.translator.t('title', { ns: id, lng: language }));
    const text = this.entry(id)?.text;
    const title = text?.[language]?.title ?? text?.en?.title;
    return typeof title === 'string' ? title : id;
  }

  /** The scenario with its text in every language; undefined when it is gone from the game or will not load (offline before the worker had it). */
  load(id: string): Promise<Scenario | undefined> {
    let pending = this.loaded.get(id);
    if (!pending) {
      const load = loaders[id];
      pending = load
        ? load().then(
            ({ default: bundle }) => {
              for (const [language, text] of Object.entries(bundle.text)) this.translator.addResourceBundle(language, id, text, true, true);
              this.ready.set(id, bundle.scenario);
              return bundle.scenario;
            },
            () => undefined,
          )
        : Promise.resolve(undefined);
      this.loaded.set(id, pending);
    }
    return pending;
  }

  /** The scenarios loaded so far. */
  loadedScenarios(): ReadonlyMap<string, Scenario> {
    return this.ready;
  }

  async loadAll(ids: Iterable<string>): Promise<Map<string, Scenario>> {
    const unique = [...new Set(ids)];
    const scenarios = await Promise.all(unique.map((id) => this.load(id)));
    return new Map(unique.flatMap((id, index) => (scenarios[index] ? [[id, scenarios[index]] as const] : [])));
  }

  /** What the trainee said: the reply's text (or the pause's), as the debrief words it. */
  said(scenario: string, node: string, choice: Choice): string {
    const { ns, key } = decisionTextId(scenario, node, choice);
    return this.translator.t(key, { ns, defaultValue: choice.kind === 'reply' ? choice.reply : choice.kind });
  }

  reply(scenario: string, node: string, reply: string): string {
    return this.translator.t(lineIds.replyText(node, reply), { ns: scenario, defaultValue: reply });
  }

  /** The customer's line at a node, for the conversation map. */
  line(scenario: string, node: string): string {
    return this.translator.t(lineIds.customerLine(node), { ns: scenario, defaultValue: node });
  }

  /** A move as the reports name it (choiceKey): a reply's text, or the pause's. */
  move(scenario: string, node: string, key: string): string {
    if (key === 'breath' || key === 'silence') return this.translator.t(`${key}.text`, { ns: COMMON_NAMESPACE });
    return this.reply(scenario, node, key);
  }
}
