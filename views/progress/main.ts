import '@fontsource/nunito/400.css';
import '@fontsource/nunito/700.css';
import '../parts/page.css';
import './progress.css';
import { html, render } from 'lit';
import { loaders } from 'virtual:htl/catalog';
import { cleanTraineeName, LANGUAGES, type Language, type Scenario } from '../../src/index.ts';
import { readHistory, type History, type HistoryRead } from '../../client/records/history.ts';
import { registerOfflinePlay } from '../../client/offline.ts';
import '../parts/attempt-list.ts';
import '../parts/skill-chart.ts';
import { preferredLanguage, preferredTrainee, rememberLanguage } from '../parts/language.ts';
import { attemptRow, scoreAttempts, skillPoints, weakMoments, type ScoredAttempt } from '../parts/progressData.ts';
import { progressTranslator, PROGRESS_NAMESPACE } from './text.ts';
import { weakMomentList } from './weak-moments.ts';

/**
 * The trainee's progress page: their attempts on this device, each scored again by replaying it
 * against the scenario as shipped, their skills over time, and the moments worth practising.
 * Reads the records and never writes them.
 */
const root = document.getElementById('progress');
if (!root) throw new Error('progress.html must have #progress');
const page = root;

const i18n = progressTranslator(preferredLanguage(new URLSearchParams(window.location.search).get('lang')));
const t = i18n.t.bind(i18n);
const say = (key: string, options: Record<string, unknown> = {}) => t(key, { ns: PROGRESS_NAMESPACE, ...options });

interface Loaded {
  history: History;
  scored: ScoredAttempt[];
  /** Attempts whose stored numbers the rules do not give: unreadable like any damaged record. */
  edited: number;
  scenarios: Map<string, Scenario>;
}

let read: HistoryRead | undefined;
let loaded: Loaded | undefined;
let profileId: string | undefined;

/** The scenarios the attempts were played on, as shipped (with their text for the page's languages). */
async function loadScenarios(ids: Iterable<string>): Promise<Map<string, Scenario>> {
  const scenarios = new Map<string, Scenario>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const load = loaders[id];
      if (!load) return; // no longer in the game
      // A scenario that will not load (offline before the worker had it) is shown like one that is gone, not as a blank page.
      const bundle = await load().then((module) => module.default, () => undefined);
      if (!bundle) return;
      for (const [language, text] of Object.entries(bundle.text)) i18n.addResourceBundle(language, id, text, true, true);
      scenarios.set(id, bundle.scenario);
    }),
  );
  return scenarios;
}

function indexedDBOrNothing(): IDBFactory | undefined {
  try {
    return window.indexedDB ?? undefined;
  } catch {
    return undefined; // some private modes throw on merely asking
  }
}

/** Trainees with attempts on this device, by profile, named as the attempt records name them. */
function trainees(history: History): { id: string; name: string }[] {
  const names = new Map<string, string>();
  for (const { record } of history.attempts) names.set(record.profileId, record.trainee);
  return [...names].map(([id, name]) => ({ id, name }));
}

/** The menu's trainee if they have attempts here, else whoever played last. */
function defaultProfile(history: History): string | undefined {
  const wanted = cleanTraineeName(preferredTrainee());
  return trainees(history).find((trainee) => trainee.name === wanted)?.id ?? history.attempts.at(-1)?.record.profileId;
}

const titleOf = (scenario: string) => (i18n.exists('title', { ns: scenario }) ? t('title', { ns: scenario }) : scenario);

function notices() {
  if (!read) return [say('loading')];
  if (!read.ok) return [say(read.problem === 'newer' ? 'newerDatabase' : 'unavailable')];
  if (!loaded) return [say('loading')];
  const skipped = loaded.history.skipped + loaded.edited;
  return [skipped > 0 ? say('skipped', { count: skipped }) : null, loaded.history.newer > 0 ? say('newer', { count: loaded.history.newer }) : null, loaded.history.attempts.length === 0 ? say('empty') : null].filter((notice) => notice !== null);
}

function header() {
  const language = i18n.language;
  return html`<header class="page-head">
    <h1>${say('title')}</h1>
    <div class="page-actions">
      <div class="toggle-group" role="group" aria-label=${say('language')}>
        ${LANGUAGES.map((lng) => html`<button type="button" lang=${lng} data-language=${lng} aria-pressed=${String(lng === language)} @click=${() => void switchLanguage(lng)}>${lng.toUpperCase()}</button>`)}
      </div>
      <a class="button" href="./" data-testid="back">${say('back')}</a>
    </div>
  </header>`;
}

function traineePicker(history: History) {
  const all = trainees(history);
  if (all.length < 2) return null;
  return html`<p class="trainee-picker">
    <label for="trainee">${say('trainee')}</label>
    <select id="trainee" @change=${(event: Event) => choose((event.target as HTMLSelectElement).value)}>
      ${all.map((trainee) => html`<option value=${trainee.id} ?selected=${trainee.id === profileId}>${trainee.name === '' ? say('noName') : trainee.name}</option>`)}
    </select>
  </p>`;
}

function body(data: Loaded) {
  const mine = data.scored.filter(({ record }) => record.profileId === profileId);
  const rows = mine.map((scored) => attemptRow(scored, titleOf(scored.record.scenario)));
  const language = i18n.language;
  return html`
    ${traineePicker(data.history)}
    <section aria-labelledby="weak-heading">
      <h2 id="weak-heading">${say('weak.heading')}</h2>
      <p class="intro">${say('weak.intro')}</p>
      ${weakMomentList(weakMoments(mine), data.scenarios, t, language)}
    </section>
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">${say('chart.heading')}</h2>
      <htl-skill-chart .points=${skillPoints(rows)} .t=${t} .language=${language}></htl-skill-chart>
    </section>
    <section aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">${say('attempts.heading')}</h2>
      <htl-attempt-list .rows=${rows} .t=${t} .language=${language}></htl-attempt-list>
    </section>
  `;
}

function draw(): void {
  document.title = say('documentTitle');
  const messages = notices();
  render(
    html`${header()}
      <div class="notices" role="status" aria-busy=${String(!read || (read.ok && !loaded))} data-testid="notices">${messages.map((message) => html`<p class="notice panel">${message}</p>`)}</div>
      ${loaded && loaded.history.attempts.length > 0 ? body(loaded) : null}`,
    page,
  );
}

function choose(id: string): void {
  profileId = id;
  draw();
}

async function switchLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  rememberLanguage(language);
  draw();
  page.querySelector<HTMLElement>(`[data-language="${language}"]`)?.focus();
}

async function start(): Promise<void> {
  document.documentElement.lang = i18n.language;
  draw();
  read = await readHistory(indexedDBOrNothing());
  if (read.ok) {
    const { history } = read;
    const scenarios = await loadScenarios(history.attempts.map(({ record }) => record.scenario));
    const { scored, edited } = scoreAttempts(history.attempts, scenarios);
    loaded = { history, scored, edited, scenarios };
    profileId = defaultProfile(history);
  }
  draw();
}

await start();
registerOfflinePlay('now');
