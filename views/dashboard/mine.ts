import { html, nothing } from 'lit';
import { cleanTraineeName, type CoachingNote } from '../../src/index.ts';
import { readHistory, type History, type HistoryRead } from '../../client/records/history.ts';
import { importRecords } from '../../client/records/importRecords.ts';
import { preferredTrainee } from '../parts/language.ts';
import { attemptRow, scoreAttempts, weakMoments, type ScoredAttempt } from '../parts/progressData.ts';
import { dashboardApi } from './api.ts';
import { exportBar } from './exports.ts';
import { download, today } from '../parts/csv.ts';
import { exportRowsOf, localTrainee } from './local.ts';
import { notesSection } from './notes.ts';
import type { PageData } from './pageData.ts';
import type { Shell } from './shell.ts';
import { traineeView } from './trainee-view.ts';
import { readRecordsFile, recordsFile, type FileProblem } from './transfer.ts';
import { weakMomentList } from './weak-moments.ts';

/**
 * The trainee's own page (no team server, or a trainee signed in to one): their attempts on this
 * device, each scored again by replaying it, the moments worth practising, the same report a
 * manager reads, their coaching notes from the server, and moving records between devices.
 */

function indexedDBOrNothing(): IDBFactory | undefined {
  try {
    return window.indexedDB ?? undefined;
  } catch {
    return undefined; // some private modes throw on merely asking
  }
}

/** Trainees with attempts on this device, by profile, named as the attempt records name them. */
const trainees = (history: History) => [...new Map(history.attempts.map(({ record }) => [record.profileId, record.trainee]))].map(([id, name]) => ({ id, name }));

export class MinePage {
  private read: HistoryRead | undefined;
  private scored: ScoredAttempt[] = [];
  /** Attempts whose stored numbers the rules do not give: unreadable like any damaged record. */
  private edited = 0;
  private profileId: string | undefined;
  private notes: { notes: CoachingNote[]; failed: boolean } | undefined;
  private importMessage: { tone: 'error' | 'success'; text: () => string } | undefined;

  constructor(
    private readonly shell: Shell,
    private readonly data: PageData,
  ) {}

  async start(): Promise<void> {
    this.draw();
    if (this.data.trainee) void this.loadNotes();
    await this.load();
  }

  private async load(): Promise<void> {
    const read = await readHistory(indexedDBOrNothing());
    if (read.ok) {
      const { history } = read;
      const scenarios = await this.shell.book.loadAll(history.attempts.map(({ record }) => record.scenario));
      ({ scored: this.scored, edited: this.edited } = scoreAttempts(history.attempts, scenarios));
      const wanted = cleanTraineeName(preferredTrainee());
      if (!this.profileId || !trainees(history).some(({ id }) => id === this.profileId)) {
        this.profileId = trainees(history).find((trainee) => trainee.name === wanted)?.id ?? history.attempts.at(-1)?.record.profileId;
      }
    }
    // Set once the attempts are scored, so no draw in between shows the records unscored.
    this.read = read;
    this.draw();
  }

  private async loadNotes(): Promise<void> {
    this.notes = await dashboardApi.myNotes().then(
      (notes) => ({ notes, failed: false }),
      () => ({ notes: [], failed: true }),
    );
    this.draw();
  }

  private notices(): string[] {
    const { say } = this.shell.words;
    const read = this.read;
    if (!read) return [say('loading')];
    if (!read.ok) return [say(read.problem === 'newer' ? 'newerDatabase' : 'unavailable')];
    const skipped = read.history.skipped + this.edited;
    return [skipped > 0 ? say('skipped', { count: skipped }) : null, read.history.newer > 0 ? say('newer', { count: read.history.newer }) : null, read.history.attempts.length === 0 ? say('empty') : null].filter((notice) => notice !== null);
  }

  private picker(history: History) {
    const { say } = this.shell.words;
    const all = trainees(history);
    if (all.length < 2) return nothing;
    return html`<p class="trainee-picker">
      <label for="trainee">${say('trainee')}</label>
      <select id="trainee" @change=${(event: Event) => ((this.profileId = (event.target as HTMLSelectElement).value), this.draw())}>
        ${all.map((trainee) => html`<option value=${trainee.id} ?selected=${trainee.id === this.profileId}>${trainee.name === '' ? say('noName') : trainee.name}</option>`)}
      </select>
    </p>`;
  }

  private body(history: History) {
    const { words, book } = this.shell;
    const { say } = words;
    const mine = this.scored.filter(({ record }) => record.profileId === this.profileId);
    const name = mine[0]?.record.trainee ?? '';
    const report = localTrainee(mine, this.profileId ?? '', name);
    const rows = mine.map((scored) => attemptRow(scored, book.title(scored.record.scenario, words.language)));
    return html`
      ${this.picker(history)}
      <section aria-labelledby="weak-heading">
        <h2 id="weak-heading">${say('weak.heading')}</h2>
        <p class="intro">${say('weak.intro')}</p>
        ${weakMomentList(weakMoments(mine), book.loadedScenarios(), words.t, words.language)}
      </section>
      ${traineeView(words, book, report, { notes: this.notes })}
      <section aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">${say('attempts.heading')}</h2>
        <htl-attempt-list .rows=${rows} .t=${words.t} .language=${words.language}></htl-attempt-list>
      </section>
      ${exportBar(words, async () => exportRowsOf(report.attempts, name), this.transfer(history))}
    `;
  }

  /** The device's records as a file, and another device's file brought in. */
  private transfer(history: History) {
    const { say } = this.shell.words;
    const message = this.importMessage;
    return html`<button type="button" data-export="records" @click=${() => download(`hold-the-line-records-${today()}.json`, `${JSON.stringify(recordsFile(history, Date.now()))}\n`, 'application/json')}>${say('export.records')}</button>
      <form class="import-form" @submit=${(event: SubmitEvent) => void this.import(event)}>
        <label for="import-file">${say('export.import')}</label>
        <input id="import-file" name="file" type="file" accept="application/json,.json" />
        <button type="submit">${say('export.importButton')}</button>
        <p class="message error" role="alert" data-testid="import-error">${message?.tone === 'error' ? message.text() : nothing}</p>
        <p class="message success" role="status" data-testid="import-done">${message?.tone === 'success' ? message.text() : nothing}</p>
      </form>`;
  }

  private async import(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { say } = this.shell.words;
    const file = ((event.currentTarget as HTMLFormElement).elements.namedItem('file') as HTMLInputElement).files?.[0];
    const refuse = (reason: () => string) => {
      this.importMessage = { tone: 'error', text: () => say('export.rejected', { reason: reason() }) };
      this.draw();
    };
    if (!file) return refuse(() => say('export.chooseFile'));
    const read = readRecordsFile(await file.text());
    if (!read.ok) return refuse(() => this.problemText(read.problem));
    const result = await importRecords(indexedDBOrNothing(), read.file);
    if (!result.ok) return refuse(() => say(result.problem === 'newer' ? 'newerDatabase' : 'unavailable'));
    this.importMessage = { tone: 'success', text: () => say('export.imported', { added: result.added, present: result.present }) };
    await this.load();
  }

  private problemText(problem: FileProblem): string {
    const { say } = this.shell.words;
    return problem.kind === 'record' ? say('export.problems.record', { detail: problem.detail }) : say(`export.problems.${problem.kind}`);
  }

  draw(): void {
    const { shell } = this;
    const { say } = shell.words;
    const read = this.read;
    const state = !read ? 'loading' : 'ready';
    shell.show(
      html`<header class="page-head">
          <h1>${say('title')}</h1>
          <div class="page-actions">
            ${shell.languageSwitch()}
            ${this.data.server && !this.data.trainee ? html`<a class="button" href="./staff.html?next=dashboard.html" data-testid="staff-sign-in">${say('nav.signIn')}</a>` : nothing}
            <a class="button" href="./" data-testid="back">${say('back')}</a>
          </div>
        </header>
        ${shell.notices(this.notices(), state)}
        ${read?.ok && read.history.attempts.length > 0 ? this.body(read.history) : nothing}
        ${read?.ok && read.history.attempts.length === 0
          ? html`${this.notes ? notesSection(shell.words, this.notes) : nothing}
              <section class="exports">${this.transfer(read.history)}</section>`
          : nothing}`,
      say('documentTitle'),
    );
  }
}
