import type { i18n, TFunction } from 'i18next';
import { catalog, loaders } from 'virtual:htl/catalog';
import { cleanTraineeName, COMMON_NAMESPACE, createTranslator, isLanguage, LANGUAGES, moodBand, type CatalogEntry, type Language, type Scenario, type ScenarioBundle } from '../src/index.ts';
import { PreferencesStore } from './preferences.ts';
import { whenIdle } from '../client/idle.ts';
import { randomUuid } from '../client/records/ids.ts';
import { RecordStore } from '../client/records/store.ts';
import type { OutboxSender } from '../client/sync/sender.ts';
import { askTeamServer, lastKnownTrainee, readTeamServer, rememberTrainee, type TeamServer, type TeamTrainee } from '../client/sync/teamServer.ts';
import { Sound } from './ui/sound.ts';

/** Services every scene shares; scenes get it in their constructor instead of reaching for globals. */
export interface App {
  i18n: i18n;
  t: TFunction;
  preferences: PreferencesStore;
  /** Trainee records (IndexedDB, or this tab's memory when there is none). */
  records: RecordStore;
  sound: Sound;
  catalog: CatalogEntry[];
  /** The DOM layer over the canvas; each scene mounts its controls here and removes them on shutdown. */
  ui: HTMLElement;
  loadScenario(id: string): Promise<ScenarioBundle>;
  /** The customer's portrait at the scenario's starting mood, decoded (undefined if it cannot load). */
  openingPortrait(scenarioId: string): Promise<HTMLImageElement | undefined>;
  /** Resolves when the self-hosted fonts (Latin and Cyrillic, both weights) are ready for canvas text. */
  fontsReady: Promise<unknown>;
  setLanguage(language: Language): Promise<void>;
  /** The team server that served this page and who is signed in to it; undefined for the game on its own (no request to /api is ever made). */
  team: TeamServer | undefined;
  /** After joining, continuing on this device or deleting one's data: who is signed in now. */
  setTeamTrainee(trainee: TeamTrainee | null): void;
  /** Called when who is signed in changes; returns the unsubscribe. */
  onTeamChange(listener: () => void): () => void;
}

/** The shared text of every language the game speaks, found by folder so a new language needs no code here. */
const commonText = import.meta.glob<Record<string, unknown>>('../locales/*/common.json', { import: 'default', eager: true });
const commonResources = () => Object.fromEntries(LANGUAGES.map((lng) => [lng, { [COMMON_NAMESPACE]: commonText[`../locales/${lng}/common.json`] ?? {} }]));

const portraitUrls = import.meta.glob<string>('../assets/portraits/*/*.svg', { query: '?url', import: 'default', eager: true });

/** URL of a customer's portrait in one of the five mood bands. */
export const portraitUrl = (scenarioId: string, band: string) => portraitUrls[`../assets/portraits/${scenarioId}/${band}.svg`] ?? '';

export async function createApp(ui: HTMLElement, requestedLanguage: string | null): Promise<App> {
  const preferences = new PreferencesStore();
  const team = readTeamServer(document);
  // A page kept by the service worker names nobody: until the server answers, this device's trainee is who it last was.
  if (team && !team.fresh) team.trainee = lastKnownTrainee();
  else if (team) rememberTrainee(team.trainee);
  const teamListeners = new Set<() => void>();
  /** Each loaded scenario's version name, for the attempts sent to the team server. */
  const hashes = new WeakMap<Scenario, string>();
  let sender: Promise<OutboxSender> | undefined;
  // The sender loads on demand: the game's first screen never waits for it, and a static build never loads it.
  const startSender = () =>
    (sender ??= import('../client/sync/sender.ts').then(({ OutboxSender }) => {
      const started = new OutboxSender({ store: records, traineeId: () => team?.trainee?.id, onSignedOut: () => app.setTeamTrainee(null) });
      started.start();
      return started;
    }));
  const records = new RecordStore({
    indexedDB: () => window.indexedDB,
    ids: randomUuid,
    now: () => performance.timeOrigin + performance.now(),
    team: team && {
      traineeId: () => team.trainee?.id,
      scenarioHash: (scenario) => hashes.get(scenario),
      onQueued: () => void startSender().then((started) => started.queued()),
    },
  });
  // Whatever a signed-in trainee's earlier visits left unsent goes once the game is idle.
  if (team?.trainee) whenIdle(() => void startSender(), 3000);
  if (team && !team.fresh) {
    whenIdle(
      () =>
        void askTeamServer().then((current) => {
          if (!current) return; // offline: go on as before
          team.retentionDays = current.retentionDays;
          team.lrs = current.lrs;
          if (JSON.stringify(current.trainee) !== JSON.stringify(team.trainee)) app.setTeamTrainee(current.trainee);
        }),
      3000,
    );
  }
  const language = requestedLanguage !== null && isLanguage(requestedLanguage) ? requestedLanguage : preferences.current.language;
  // Canvas text is never parsed as HTML, and DOM text goes in as textContent, so i18next need not escape.
  const i18n = createTranslator(language, commonResources(), { escapeValue: false });
  // The menu's share of every scenario's text is there from the start; the rest loads with the scenario.
  for (const entry of catalog) for (const [lng, text] of Object.entries(entry.text)) i18n.addResourceBundle(lng, entry.id, text, true, true);

  const loaded = new Map<string, Promise<ScenarioBundle>>();
  const portraits = new Map<string, Promise<HTMLImageElement | undefined>>();
  // Started now, so fonts download while Phaser boots rather than after. A font that cannot load
  // only means a fallback face: the menu and the canvas must not wait on it forever.
  const fontsReady = Promise.all([document.fonts.load('400 20px Nunito', 'Aa Яя'), document.fonts.load('700 20px Nunito', 'Aa Яя')]).catch(() => undefined);
  const app: App = {
    i18n,
    t: i18n.t.bind(i18n) as TFunction,
    preferences,
    records,
    sound: new Sound(preferences.current.muted),
    catalog,
    ui,
    fontsReady,
    loadScenario(id) {
      const load = loaders[id];
      if (!load) return Promise.reject(new Error(`Unknown scenario "${id}"`));
      if (!loaded.has(id)) {
        loaded.set(id, load().then(({ default: bundle }) => {
          for (const [lng, text] of Object.entries(bundle.text)) i18n.addResourceBundle(lng, id, text, true, true);
          hashes.set(bundle.scenario, bundle.hash);
          return bundle;
        }));
      }
      return loaded.get(id) as Promise<ScenarioBundle>;
    },
    openingPortrait(id) {
      const entry = catalog.find((candidate) => candidate.id === id);
      if (!entry) return Promise.resolve(undefined);
      if (!portraits.has(id)) {
        // A plain image decodes off the critical path, while Phaser boots.
        const image = new Image();
        image.src = portraitUrl(id, moodBand(entry.mood));
        portraits.set(id, image.decode().then(() => image, () => undefined));
      }
      return portraits.get(id) as Promise<HTMLImageElement | undefined>;
    },
    async setLanguage(next) {
      await i18n.changeLanguage(next);
      document.documentElement.lang = next;
      preferences.update((current) => ({ ...current, language: next }));
    },
    team,
    setTeamTrainee(trainee) {
      if (!team) return;
      team.trainee = trainee;
      rememberTrainee(trainee);
      if (trainee) {
        // The server's name is the trainee's name here too: their local records are filed under it.
        preferences.update((current) => ({ ...current, traineeName: cleanTraineeName(trainee.name) }));
        void startSender().then((started) => started.signedIn());
      }
      teamListeners.forEach((listener) => listener());
    },
    onTeamChange(listener) {
      teamListeners.add(listener);
      return () => teamListeners.delete(listener);
    },
  };
  document.documentElement.lang = language;
  if (language !== preferences.current.language) preferences.update((current) => ({ ...current, language }));
  return app;
}
