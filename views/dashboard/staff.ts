import { html, nothing } from 'lit';
import type { CohortRow, CoachingNote, Scenario, ScenarioResponse, TraineeResponse } from '../../src/index.ts';
import { ApiFailure, type Cohort, type StaffMember } from '../staff/api.ts';
import { dashboardApi } from './api.ts';
import { cohortView } from './cohort-view.ts';
import { exportBar } from './exports.ts';
import { signInAddress } from './pageData.ts';
import { NOTE_MAX } from './notes.ts';
import { apiSearch, attemptFilter, parseView, viewSearch, type Filters, type View } from './query.ts';
import type { Shell } from './shell.ts';

type Loaded =
  | { kind: 'cohort'; search: string; rows: CohortRow[] }
  | { kind: 'trainee'; key: string; data: TraineeResponse }
  | { kind: 'scenario'; key: string; report: ScenarioResponse; scenario: Scenario | undefined };

export const READY_MARK = 'htl:dashboard-ready';

/** The trainee and scenario views (with the chart and the graph layout) load when first opened: the cohort grid does not wait for them. */
const views: { trainee?: typeof import('./trainee-view.ts'); scenario?: typeof import('./scenario-view.ts') } = {};

/**
 * The staff's results pages (a manager or an admin signed in on the team server): the cohort grid,
 * a trainee's report with coaching notes, a scenario's map. The address holds the view and its
 * filters; the API answers only what the signed-in member may see.
 */
export class StaffPage {
  private view: View;
  private cohorts: Cohort[] = [];
  /** Cohort grids by query, so sorting or the attention rule never asks the server again. */
  private readonly grids = new Map<string, CohortRow[]>();
  private loaded: Loaded | undefined;
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private problem: (() => string) | undefined;
  private noteMessage: { tone: 'error' | 'success'; text: () => string } | undefined;
  private noteBusy = false;
  private request = 0;

  constructor(
    private readonly shell: Shell,
    private readonly me: StaffMember,
  ) {
    this.view = parseView(location.search);
    window.addEventListener('popstate', () => void this.go(parseView(location.search), false));
    // In-page links (data-link) change the view without reloading the page.
    shell.root.addEventListener('click', (event) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-link]');
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void this.go(parseView(new URL(link.href).search));
    });
  }

  async start(): Promise<void> {
    this.draw();
    // The cohort list (for the filter) and the view's data are asked for together.
    const cohorts = dashboardApi.cohorts().then(
      (list) => {
        this.cohorts = list;
        if (this.state === 'ready') this.draw();
      },
      () => undefined,
    );
    await Promise.all([this.load(), cohorts]);
  }

  private href(view: View): string {
    return `./dashboard.html${viewSearch(view, new URLSearchParams(location.search).get('lang'))}`;
  }

  private filters(): Filters {
    return this.view.filters;
  }

  async go(view: View, push = true): Promise<void> {
    if (push) history.pushState(null, '', this.href(view));
    const focusHeading = view.kind !== this.view.kind || (view.kind !== 'cohort' && this.view.kind !== 'cohort' && view.id !== this.view.id);
    this.view = view;
    this.noteMessage = undefined;
    await this.load();
    if (focusHeading) this.shell.root.querySelector<HTMLElement>('h1')?.focus();
  }

  private change(partial: Partial<Filters>): void {
    // Any other change starts the grid at its first page again.
    void this.go({ kind: 'cohort', filters: { ...this.filters(), page: 1, ...partial } });
  }

  private async load(): Promise<void> {
    const view = this.view;
    const request = ++this.request;
    const filters = this.filters();
    const filter = attemptFilter(filters, this.shell.book.entries);
    try {
      if (view.kind === 'cohort') {
        const search = apiSearch(filter, filters.cohort);
        let rows = this.grids.get(search);
        if (!rows) {
          this.loading();
          rows = (await dashboardApi.cohort(search)).trainees;
          this.grids.set(search, rows);
        }
        this.loaded = { kind: 'cohort', search, rows };
      } else if (view.kind === 'trainee') {
        const search = apiSearch({ from: filter.from, to: filter.to }, null);
        this.loading();
        views.trainee ??= await import('./trainee-view.ts');
        const data = await dashboardApi.trainee(view.id, search);
        await this.shell.book.loadAll(data.attempts.map((attempt) => attempt.scenario));
        this.loaded = { kind: 'trainee', key: view.id, data };
      } else if (view.kind === 'scenario') {
        const search = apiSearch({ from: filter.from, to: filter.to, languages: filter.languages }, filters.cohort);
        this.loading();
        views.scenario ??= await import('./scenario-view.ts');
        const [report, scenario] = await Promise.all([dashboardApi.scenario(view.id, search), this.shell.book.load(view.id)]);
        this.loaded = { kind: 'scenario', key: view.id, report, scenario };
      }
      if (request !== this.request) return;
      this.state = 'ready';
      this.problem = undefined;
    } catch (error) {
      if (request !== this.request) return;
      if (error instanceof ApiFailure && error.kind === 'unauthorized') {
        location.assign(signInAddress());
        return;
      }
      this.state = 'error';
      this.problem = this.failureText(error);
    }
    this.draw();
  }

  private loading(): void {
    this.state = 'loading';
    this.draw();
  }

  private failureText(error: unknown): () => string {
    const { say } = this.shell.words;
    if (!(error instanceof ApiFailure)) return () => say('errors.server', { reason: String(error) });
    if (error.kind === 'notFound') return () => say(this.view.kind === 'scenario' ? 'scenario.notFound' : 'trainee.notFound');
    if (error.status === 403) return () => say('errors.forbidden');
    if (error.kind === 'offline' || error.kind === 'noServer') return () => say('errors.offline');
    return () => say('errors.server', { reason: error.reason });
  }

  private async addNote(traineeId: string, text: string): Promise<void> {
    const { say } = this.shell.words;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.length > NOTE_MAX) {
      this.noteMessage = { tone: 'error', text: () => say(trimmed === '' ? 'notes.empty' : 'notes.tooLong') };
      return this.draw();
    }
    await this.noteAction(async () => {
      const note = await dashboardApi.addNote(traineeId, trimmed);
      if (this.loaded?.kind === 'trainee') this.loaded.data.notes = [note, ...this.loaded.data.notes];
      this.shell.root.querySelector<HTMLTextAreaElement>('#note')?.form?.reset();
      return 'notes.added';
    });
  }

  private async removeNote(note: CoachingNote): Promise<void> {
    await this.noteAction(async () => {
      await dashboardApi.deleteNote(note.id);
      if (this.loaded?.kind === 'trainee') this.loaded.data.notes = this.loaded.data.notes.filter((each) => each.id !== note.id);
      this.shell.root.querySelector<HTMLElement>('#notes-heading')?.focus();
      return 'notes.deleted';
    });
  }

  private async noteAction(action: () => Promise<string>): Promise<void> {
    if (this.noteBusy) return;
    this.noteBusy = true;
    this.draw();
    try {
      const done = await action();
      this.noteMessage = { tone: 'success', text: () => this.shell.words.say(done) };
    } catch (error) {
      if (error instanceof ApiFailure && error.kind === 'unauthorized') return location.assign(signInAddress());
      this.noteMessage = { tone: 'error', text: this.failureText(error) };
    } finally {
      this.noteBusy = false;
      this.draw();
    }
  }

  private content() {
    const { words, book } = this.shell;
    const loaded = this.loaded;
    const view = this.view;
    const filters = this.filters();
    const scenarioHref = (id: string) => this.href({ kind: 'scenario', id, filters });
    if (view.kind === 'cohort' && loaded?.kind === 'cohort') {
      const rowsFor = () =>
        dashboardApi.exportRows(loaded.search).catch((error: unknown) => {
          this.state = 'error';
          this.problem = this.failureText(error);
          this.draw();
          return undefined;
        });
      return html`${cohortView(words, book, filters, loaded.rows, this.cohorts, Date.now(), {
          change: (partial) => this.change(partial),
          open: (id) => void this.go({ kind: 'trainee', id, filters }),
          traineeHref: (id) => this.href({ kind: 'trainee', id, filters }),
          scenarioHref,
        })}
        ${exportBar(words, rowsFor)}`;
    }
    if (view.kind === 'trainee' && loaded?.kind === 'trainee' && loaded.key === view.id && views.trainee) {
      const { traineeView } = views.trainee;
      const { data } = loaded;
      const message = this.noteMessage;
      return html`<p class="meta">${words.say('trainee.cohortLine', { cohort: data.trainee.cohortName })}</p>
        ${traineeView(words, book, data, {
          attemptTable: true,
          scenarioLink: scenarioHref,
          notes: {
            notes: data.notes,
            write: { name: data.trainee.name, busy: this.noteBusy, add: (text) => void this.addNote(data.trainee.id, text), remove: (note) => void this.removeNote(note) },
            message: message && { tone: message.tone, text: message.text() },
          },
        })}
        <p class="print-actions"><button type="button" data-testid="print" @click=${() => window.print()}>${words.say('export.print')}</button></p>`;
    }
    if (view.kind === 'scenario' && loaded?.kind === 'scenario' && loaded.key === view.id && views.scenario) {
      const { scenarioView } = views.scenario;
      return html`<p class="scenario-picker">
          <label for="scenario-choice">${words.say('scenario.choose')}</label>
          <select id="scenario-choice" @change=${(event: Event) => void this.go({ kind: 'scenario', id: (event.target as HTMLSelectElement).value, filters })}>
            ${book.entries.map((entry) => html`<option value=${entry.id} ?selected=${entry.id === view.id}>${book.title(entry.id, words.language)}</option>`)}
          </select>
          <button type="button" data-testid="print" @click=${() => window.print()}>${words.say('export.print')}</button>
        </p>
        ${scenarioView(words, book, view.id, loaded.scenario, loaded.report)}`;
    }
    return nothing;
  }

  private heading(): string {
    const { say, language } = this.shell.words;
    const loaded = this.loaded;
    if (this.view.kind === 'trainee' && loaded?.kind === 'trainee' && this.state === 'ready') return loaded.data.trainee.name;
    if (this.view.kind === 'scenario') return say('scenario.heading', { title: this.shell.book.title(this.view.id, language) });
    return say('staffTitle');
  }

  draw(): void {
    const { shell } = this;
    const { say } = shell.words;
    const filters = this.filters();
    const heading = this.heading();
    shell.show(
      html`<header class="page-head staff-head">
          <div>
            ${this.view.kind === 'cohort' ? nothing : html`<a href=${this.href({ kind: 'cohort', filters })} data-link data-testid="to-cohort">${say('trainee.back')}</a>`}
            <h1 tabindex="-1">${heading}</h1>
          </div>
          <div class="page-actions">
            ${shell.languageSwitch()}
            <a class="button" href="./staff.html">${say('nav.staffPage')}</a>
            <p class="who">${say('nav.who', { username: this.me.username })}</p>
          </div>
        </header>
        ${shell.notices(this.state === 'loading' ? [say('loadingServer')] : this.state === 'error' && this.problem ? [this.problem()] : [], this.state)}
        ${this.state === 'error' ? nothing : this.content()}`,
      `${heading} · ${say('staffDocumentTitle')}`,
    );
    // The benchmark (tests/bench/dashboard-page.ts) times a view until this: its data on screen.
    // Marked once the frame with the data is painted (a task after the next animation frame).
    if (this.state === 'ready') requestAnimationFrame(() => setTimeout(() => performance.mark(READY_MARK)));
  }
}
