import { catalogOrder, CHANNELS, cleanTraineeName, LANGUAGES, moodBand, screenOf, SKILLS, type CatalogEntry, type Channel, type Language } from '../../src/index.ts';
import { portraitUrl, type App } from '../app.ts';
import { recordsMessages } from '../records/notices.ts';
import type { Resumable } from '../../client/records/store.ts';
import type { EarlyScreen, Route } from '../route.ts';
import { el, focusQuietly } from '../ui/dom.ts';
import { icon } from '../ui/icons.ts';
import type { TeamPanel } from './teamPanel.ts';

/**
 * Trainee name, language, sound, how scoring works, and the scenario cards: all DOM, with no need
 * of Phaser, so the menu is usable while Phaser still loads; the menu scene (scenes/MenuScene.ts)
 * draws the backdrop behind it and takes it over once Phaser is up.
 */
export class Menu implements EarlyScreen {
  private root: HTMLElement | undefined;
  private channelFilter: Channel | 'all' = 'all';
  private difficultyFilter = 0;
  /** The trainee's unfinished attempts, as the records had them when the menu opened or the name changed. */
  private resumable: Resumable[] = [];
  /** Whether this menu has read the records once (the cards come first; Resume and notices after). */
  private recordsRead = false;
  /** Joining and leaving the team server, where one serves the page. */
  private team: TeamPanel | undefined;
  private disposed = false;
  private readonly unsubscribe: () => void;
  private readonly leaving = new AbortController();
  exitedTo: Route | undefined;
  leave: (route: Route) => void = () => this.dispose();

  constructor(
    private readonly app: App,
    /** The dialogue library's problems, as the linter prints them; only the dev server serves a library that has any. */
    private readonly libraryProblems: readonly string[],
    private readonly unknownScenario?: string,
  ) {
    const reread = () => this.loadResumable().then(() => this.root && this.render(this.focusedControl()));
    // Someone else signed in (a page kept offline learning who): their name, their unfinished conversations.
    this.unsubscribe = app.onTeamChange(() => void reread());
    // A conversation another tab was playing joins the menu once that tab lets it go (closed, or slow to reload).
    const offerWhenLetGo = (): Promise<void> => app.records.whenPlayElsewhereEnds(this.leaving.signal).then(reread).then(offerWhenLetGo);
    offerWhenLetGo().catch(() => undefined);
    void this.show();
  }

  /** Ends the menu: its DOM goes (leaving while fonts load must not leave it behind later). */
  dispose(): void {
    this.disposed = true;
    this.leaving.abort();
    this.unsubscribe();
    this.root?.remove();
    this.root = undefined;
  }

  private exit(route: Route): void {
    this.exitedTo = route;
    this.leave(route);
  }

  private async show(): Promise<void> {
    const records = this.loadResumable();
    // No flash of a fallback face: the menu appears with its own font, Latin or Cyrillic.
    await Promise.all([this.app.fontsReady, this.loadTeamPanel()]);
    if (this.disposed) return;
    this.render();
    const firstCard = this.root?.querySelector<HTMLElement>('.card');
    focusQuietly(firstCard);
    // The moment the first card can be chosen: `npm run bench` reads this mark.
    if (performance.getEntriesByName('htl:first-card').length === 0) performance.mark('htl:first-card');
    // The cards never wait for the records: their notices and an unfinished conversation join the
    // menu when the records answer, and the conversation takes the focus unless the trainee has moved it.
    await records;
    this.recordsRead = true;
    if (this.disposed || !this.root) return;
    const untouched = document.activeElement === firstCard || !this.root.contains(document.activeElement);
    this.render(untouched ? '.resume-card, .card' : this.focusedControl());
  }

  /** Never fails: records the store cannot read become a notice (the store flags them), not an empty menu. */
  private async loadResumable(): Promise<void> {
    const scenario = (id: string) => this.app.loadScenario(id).then((bundle) => bundle.scenario, () => undefined);
    const name = this.app.preferences.current.traineeName;
    const found = await this.app.records.resumable(name, scenario).catch((): Resumable[] => []);
    // Another name typed meanwhile asked for its own.
    if (name === this.app.preferences.current.traineeName) this.resumable = found;
  }

  /** Only where a team server serves the page, so the game on its own never loads it. */
  private async loadTeamPanel(): Promise<void> {
    if (!this.app.team) return;
    const joinCode = new URLSearchParams(window.location.search).get('join')?.trim() || undefined;
    try {
      const { TeamPanel } = await import('./teamPanel.ts');
      this.team = new TeamPanel(this.app, joinCode, (focus) => this.root && this.render(focus));
    } catch {
      this.team = undefined; // the menu works without it; the records still queue and send
    }
  }

  /** The focused control, as a selector that finds it again after a re-render (by id or data attribute). */
  private focusedControl(): string | undefined {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.root?.contains(active)) return undefined;
    if (active.id) return `#${CSS.escape(active.id)}`;
    const data = Object.entries(active.dataset)[0];
    return data && `[data-${data[0].replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}="${CSS.escape(data[1] ?? '')}"]`;
  }

  /** Rebuilds the DOM (after a language or filter change), keeping focus on the control that caused it. */
  private render(focusSelector?: string): void {
    const { t, preferences } = this.app;
    // `data-records` says whether the records have been read yet (Resume and their notices come then).
    const next = el('main', { class: 'screen menu', attrs: { 'aria-labelledby': 'menu-title', 'data-records': this.recordsRead ? 'read' : 'reading' } }, [
      this.header(),
      this.team?.element(),
      this.libraryProblemsNotice(),
      ...this.notices(),
      this.resumeSection(),
      // Open before the first play, except on a phone where it would push the scenarios off screen.
      el('details', { class: 'scoring panel', attrs: { open: Object.keys(preferences.current.bestScores).length === 0 && window.innerWidth >= 700 } }, [
        el('summary', { text: t('menu.howScoring') }),
        el('p', { text: t('menu.howScoringIntro') }),
        el('ul', {}, SKILLS.map((skill) => el('li', {}, [el('strong', { text: t(`skills.${skill}`) }), t(`skillsAbout.${skill}`)]))),
      ]),
      this.filters(),
      el('h2', { class: 'sr-only', text: t('menu.scenarios'), attrs: { id: 'scenarios-heading' } }),
      el('div', { class: 'cards', attrs: { role: 'list', 'aria-labelledby': 'scenarios-heading' } }, this.visibleScenarios().map((entry) => this.card(entry))),
    ]);
    // A name still being typed (its field focused, not yet committed) survives a re-render such as the records answering.
    const typing = this.root?.querySelector<HTMLInputElement>('#trainee-name');
    const nameField = next.querySelector<HTMLInputElement>('#trainee-name');
    if (typing && typing === document.activeElement && nameField) nameField.value = typing.value;
    this.root?.replaceWith(next);
    if (!this.root) this.app.ui.append(next);
    this.root = next;
    if (focusSelector) focusQuietly(next.querySelector<HTMLElement>(focusSelector));
  }

  private header(): HTMLElement {
    const { t, preferences, sound } = this.app;
    const languageButtons = LANGUAGES.map((language) =>
      el('button', {
        text: language.toUpperCase(),
        attrs: { 'aria-pressed': this.app.i18n.language === language, lang: language, 'data-language': language },
        on: { click: () => void this.switchLanguage(language) },
      }),
    );
    const nameInput = el('input', {
      attrs: { id: 'trainee-name', type: 'text', maxlength: 60, autocomplete: 'name', placeholder: t('menu.namePlaceholder'), value: preferences.current.traineeName },
      on: {
        change: (event) => {
          const name = cleanTraineeName((event.target as HTMLInputElement).value);
          preferences.update((current) => ({ ...current, traineeName: name }));
          (event.target as HTMLInputElement).value = name;
          // Another trainee on this device: their own unfinished conversations.
          void this.loadResumable().then(() => this.root && this.render('#trainee-name'));
        },
      },
    });
    return el('header', { class: 'menu-header' }, [
      el('h1', { attrs: { id: 'menu-title' } }, [t('app.title'), el('span', { class: 'tagline', text: t('app.tagline') })]),
      el('div', { class: 'toggle-group', attrs: { role: 'group', 'aria-label': t('menu.language') } }, languageButtons),
      el('button', { class: 'sound-toggle', attrs: { 'aria-pressed': !sound.muted }, on: { click: () => this.toggleSound() } }, [
        icon(sound.muted ? 'soundOff' : 'soundOn'),
        t(sound.muted ? 'menu.soundOff' : 'menu.soundOn'),
      ]),
      this.team?.ownsName ? null : el('label', { class: 'field' }, [t('menu.name'), nameInput]),
      el('a', { class: 'progress-link', text: t('team.progress'), attrs: { href: './dashboard.html' } }),
    ]);
  }

  private notices(): HTMLElement[] {
    const { t, preferences } = this.app;
    const messages = [
      ...(this.unknownScenario !== undefined ? [t('menu.unknownScenario', { id: this.unknownScenario })] : []),
      ...preferences.problems.map((problem) => t(problem === 'recovered' ? 'menu.storageRecovered' : 'menu.storageFull')),
      ...recordsMessages(t, this.app.records),
    ];
    return messages.map((message) => el('p', { class: 'notice', text: message, attrs: { role: 'status' } }));
  }

  /** Unfinished conversations, each continued exactly where the trainee left it. */
  private resumeSection(): HTMLElement | null {
    if (this.resumable.length === 0) return null;
    const { t } = this.app;
    return el('section', { class: 'resume panel', attrs: { 'aria-labelledby': 'resume-heading' } }, [
      el('h2', { text: t('records.resumeHeading'), attrs: { id: 'resume-heading' } }),
      el('ul', { class: 'resume-list' }, this.resumable.map((resumable) => el('li', {}, [this.resumeCard(resumable)]))),
    ]);
  }

  private resumeCard({ scenario, state, ...resumable }: Resumable): HTMLElement {
    const { t } = this.app;
    const say = (key: string) => t(key, { ns: scenario.id });
    const line = screenOf(scenario, state, t).customer.text;
    const progress = t('records.progress', { count: state.decisions.length });
    const lastLine = t('debrief.quoted', { text: line });
    // Named by what it shows (title, customer, progress, their last line, "Resume"), so speech and sight agree.
    return el(
      'button',
      {
        class: 'resume-card',
        attrs: { 'data-resume': scenario.id },
        on: { click: () => this.exit({ key: 'conversation', data: { scenarioId: scenario.id, resume: { scenario, state, ...resumable } } }) },
      },
      [
        el('img', { attrs: { src: portraitUrl(scenario.id, moodBand(state.mood)), alt: '', width: 64, height: 64 } }),
        el('span', { class: 'resume-text' }, [
          el('span', { class: 'title', text: say('title') }),
          el('span', { class: 'meta' }, [icon(scenario.channel), `${say('customer.name')} · `, el('span', { class: 'progress', text: progress })]),
          el('span', { class: 'line' }, [el('span', { class: 'sr-only', text: `${t('records.lastLine')}: ` }), lastLine]),
        ]),
        el('span', { class: 'resume-action' }, [t('records.resume'), el('span', { text: ' →', attrs: { 'aria-hidden': 'true' } })]),
      ],
    );
  }

  /** For authors at the dev server: what keeps scenarios out of the menu. English, like the linter lines it lists. */
  private libraryProblemsNotice(): HTMLElement | null {
    if (this.libraryProblems.length === 0) return null;
    return el('section', { class: 'notice library-problems', testid: 'library-problems', attrs: { role: 'alert' } }, [
      el('h2', { text: 'Scenarios with problems are left out (npm run lint:dialogues lists the same; a build would fail):' }),
      el('ul', {}, this.libraryProblems.map((line) => el('li', { text: line }))),
    ]);
  }

  private filters(): HTMLElement {
    const { t } = this.app;
    const channelButtons = (['all', ...CHANNELS] as const).map((channel) =>
      el('button', {
        text: channel === 'all' ? t('menu.filterAll') : t(`channels.${channel}`),
        attrs: { 'aria-pressed': this.channelFilter === channel, 'data-channel': channel },
        on: {
          click: () => {
            this.channelFilter = channel;
            this.render(`[data-channel="${channel}"]`);
          },
        },
      }),
    );
    const difficulty = el(
      'select',
      {
        attrs: { id: 'difficulty-filter' },
        on: {
          change: (event) => {
            this.difficultyFilter = Number((event.target as HTMLSelectElement).value);
            this.render('#difficulty-filter');
          },
        },
      },
      [0, 1, 2, 3].map((level) => el('option', { text: level === 0 ? t('menu.anyDifficulty') : t(`difficulty.${level}`), attrs: { value: level, selected: level === this.difficultyFilter } })),
    );
    return el('div', { class: 'filters' }, [
      el('div', { class: 'toggle-group', attrs: { role: 'group', 'aria-label': t('menu.filterChannel') } }, channelButtons),
      el('label', { class: 'field' }, [t('menu.filterDifficulty'), difficulty]),
    ]);
  }

  private visibleScenarios(): CatalogEntry[] {
    return this.app.catalog
      .filter((entry) => this.channelFilter === 'all' || entry.channel === this.channelFilter)
      .filter((entry) => this.difficultyFilter === 0 || entry.difficulty === this.difficultyFilter)
      .sort(catalogOrder);
  }

  private card(entry: CatalogEntry): HTMLElement {
    const { t, preferences } = this.app;
    const say = (key: string) => t(key, { ns: entry.id });
    const best = preferences.current.bestScores[entry.id];
    const dots = '●'.repeat(entry.difficulty) + '○'.repeat(3 - entry.difficulty);
    return el('div', { attrs: { role: 'listitem' } }, [
      el(
        'button',
        {
          class: 'card panel',
          attrs: { 'data-scenario': entry.id },
          on: { click: () => this.exit({ key: 'conversation', data: { scenarioId: entry.id } }) },
        },
        [
          el('img', { attrs: { src: portraitUrl(entry.id, 'tense'), alt: '', width: 88, height: 88 } }),
          // Named by everything it shows, plus the brief for screen readers, so what is seen is part of what is heard.
          el('span', { class: 'sr-only', text: t('menu.start', { title: say('title') }) }),
          el('span', { class: 'title', text: say('title'), attrs: { 'aria-hidden': 'true' } }),
          el('span', { class: 'meta' }, [icon(entry.channel), `${t(`channels.${entry.channel}`)} · ${dots} ${t(`difficulty.${entry.difficulty}`)}${entry.timed ? ` · ${t('menu.timed')}` : ''}`]),
          el('span', { class: 'persona', text: `${say('customer.name')} · ${t(`temperaments.${entry.temperament}`)}` }),
          el('span', { class: 'best', text: best === undefined ? t('menu.new') : t('menu.best', { score: best }) }),
          el('span', { class: 'sr-only', text: `. ${say('brief')}` }),
        ],
      ),
    ]);
  }

  private async switchLanguage(language: Language): Promise<void> {
    await this.app.setLanguage(language);
    this.render(`[data-language="${language}"]`);
  }

  private toggleSound(): void {
    const { sound, preferences } = this.app;
    sound.muted = !sound.muted;
    preferences.update((current) => ({ ...current, muted: sound.muted }));
    this.render('.sound-toggle');
  }
}
