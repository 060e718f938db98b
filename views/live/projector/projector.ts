import { html, nothing, type PropertyValues } from 'lit';
import { choiceKey, type ProjectorView, type RoomView, type Scenario } from '../../../src/index.ts';
import type { LinkStatus, RoomLink } from '../link.ts';
import { shownChoices } from '../parts/choices.ts';
import '../parts/countdown.ts';
import '../parts/customer.ts';
import { DecidedRound } from '../parts/decidedRound.ts';
import { LiveElement } from '../parts/element.ts';
import { whoChose } from '../parts/feedback.ts';
import '../parts/lobby.ts';
import { voteResults } from '../parts/results.ts';
import type { ScenarioSource } from '../parts/scenarios.ts';
import { fitToHeight } from './fit.ts';
import { summaryPages, summarySlide } from './summary.ts';

/** A projector's link: it only listens, and says which moment it shows. */
export type ProjectorLink = RoomLink<never> & { readonly seq: number };

/**
 * The room's big screen, read from the back of the room: the customer large (portrait, line, mood
 * and composure), the replies with the vote as bars and counts and the countdown, the reveal with
 * its review, the lobby with code, QR code and who has joined, a pause over everything, and the
 * summary in pages. No controls: a presenter's clicker turns the summary's pages (arrows, Page
 * Up/Down) and `B` blanks the screen.
 */
export class LiveProjector extends LiveElement {
  static override properties = {
    ...LiveElement.properties,
    link: { attribute: false },
    scenarios: { attribute: false },
    code: { attribute: false },
    view: { state: true },
    status: { state: true },
    blank: { state: true },
    page: { state: true },
  };
  declare link: ProjectorLink;
  declare scenarios: ScenarioSource;
  /** The room's code, null for a room without a server (nobody joins from a phone there). */
  declare code: string | null;
  declare view: ProjectorView | null;
  declare status: LinkStatus;
  declare blank: boolean;
  declare page: number;
  private readonly decided = new DecidedRound();
  private readonly stops: (() => void)[] = [];
  private readonly keys = (event: KeyboardEvent) => this.key(event);
  private readonly resized = () => this.requestUpdate();

  constructor() {
    super();
    this.view = null;
    this.status = 'connecting';
    this.blank = false;
    this.page = 0;
    this.code = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stops.push(
      this.link.onView((view: RoomView) => {
        if (view.role !== 'projector') return;
        if (view.phase !== this.view?.phase) this.page = 0;
        this.view = view;
      }),
      this.link.onStatus((status) => (this.status = status)),
    );
    window.addEventListener('keydown', this.keys);
    window.addEventListener('resize', this.resized);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.keys);
    window.removeEventListener('resize', this.resized);
    for (const stop of this.stops.splice(0)) stop();
  }

  /** A clicker sends arrows or Page Up/Down: they turn the summary's pages; `B` (or `.`, as many clickers send) blanks the screen. */
  private key(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if (key === 'b' || key === 'B' || key === '.') {
      this.blank = !this.blank;
      event.preventDefault();
      return;
    }
    const step = key === 'ArrowRight' || key === 'ArrowDown' || key === 'PageDown' || key === ' ' ? 1 : key === 'ArrowLeft' || key === 'ArrowUp' || key === 'PageUp' ? -1 : 0;
    if (step === 0 || this.view?.phase !== 'summary') return;
    const count = summaryPages(this.view).length;
    this.page = Math.max(0, Math.min(count - 1, this.page + step));
    event.preventDefault();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // What tests wait on, on the page's root: the phase and the moment shown, the connection, a blank screen.
    const root = this.parentElement ?? this;
    if (changed.has('view') || changed.has('status')) {
      root.dataset.phase = this.view?.phase ?? 'none';
      root.dataset.seq = String(this.link.seq);
      root.dataset.status = this.status;
    }
    root.dataset.blank = String(this.blank);
    void this.fit();
  }

  /** Once the parts inside have drawn too (they update after this element), each box's type shrinks until it fits. */
  private async fit(): Promise<void> {
    const parts = [...this.querySelectorAll<LiveElement>('live-customer, live-feedback, live-countdown, live-lobby')];
    await Promise.all(parts.map((part) => part.updateComplete));
    for (const box of this.querySelectorAll<HTMLElement>('.fit')) fitToHeight(box);
  }

  protected override render() {
    const { t } = this.text;
    const view = this.view;
    return html`<div class="projector" ?inert=${this.blank} aria-hidden=${this.blank ? 'true' : 'false'}>
        <header class="projector-head">
          <h1 class="projector-title">${t('shared.title')}${view?.scenario && view.phase !== 'summary' ? html` · ${t('shared.scenarioOf', { number: view.scenarioIndex + 1, count: view.scenarioCount })}` : nothing}</h1>
          ${view?.hotSeat && view.phase !== 'summary' && view.phase !== 'lobby' ? html`<p class="projector-hot-seat">${t('projector.hotSeat', { name: view.hotSeat })}</p>` : nothing}
          <p class="connection" role="status" data-status=${this.status}>${this.status === 'closed' && !view ? t('shared.noRoom') : t(`shared.connection.${this.status}`)}</p>
        </header>
        <div class="projector-body">${view ? this.body(view) : nothing}</div>
        ${view?.paused ? html`<div class="paused-overlay" role="status"><p>${t('shared.paused')}</p></div>` : nothing}
        <p class="visually-hidden">${t('projector.keys')}</p>
      </div>
      ${this.blank ? html`<div class="blank-screen" data-testid="blank" role="status"><span class="visually-hidden">${t('projector.blank')}</span></div>` : nothing}`;
  }

  private body(view: ProjectorView) {
    const { t } = this.text;
    if (view.phase === 'lobby') {
      return this.code
        ? html`<live-lobby .text=${this.text} .code=${this.code} .names=${view.names}></live-lobby>`
        : html`<section class="local-lobby"><h2>${t('projector.localLobby')}</h2></section>`;
    }
    if (view.phase === 'summary') return summarySlide(this.text, this.scenarios, view, this.page);
    const scenario = this.scenarios.get(view.scenario);
    return html`<div class="stage">
      <live-customer class="stage-customer fit" .text=${this.text} .book=${this.scenarios.book} .scenario=${scenario} .conversation=${view.conversation}></live-customer>
      <div class="stage-side fit">${scenario ? this.side(view, scenario) : nothing}</div>
    </div>`;
  }

  /** Beside the customer: the replies and the vote, or the move the room took and its review. */
  private side(view: ProjectorView, scenario: Scenario) {
    const { t } = this.text;
    const book = this.scenarios.book;
    const { vote } = this.decided.see(view);
    if (view.phase === 'revealed' && view.decision) {
      // Before the reveal, the vote with the room's move marked says what was chosen; the reveal replaces it with the review.
      if (vote && vote.tallies.length > 0 && !view.feedbackShown) {
        const choices = shownChoices(book, t, scenario, view.decision.before);
        return html`<h2 class="decided-title">${whoChose(t, view.decision, view.hotSeat)}</h2>
          ${voteResults(t, choices, vote.tallies, { chosen: choiceKey(view.decision.choice) })}`;
      }
      return html`<live-feedback .text=${this.text} .book=${book} .scenario=${scenario} .decision=${view.decision} .hotSeat=${view.hotSeat} ?shown=${view.feedbackShown}></live-feedback>`;
    }
    const choices = view.conversation ? shownChoices(book, t, scenario, view.conversation) : [];
    if (choices.length === 0) return html`<p class="projector-note">${t('projector.ended')}</p>`;
    const voters = vote?.voters ?? 0;
    return html`<section class="vote" aria-labelledby="vote-title">
      <div class="vote-head">
        <h2 id="vote-title">${t(view.phase === 'voting' ? 'projector.vote.open' : vote ? 'projector.vote.closed' : 'projector.vote.soon')}</h2>
        <live-countdown .text=${this.text} .vote=${view.vote} ?paused=${view.paused}></live-countdown>
        <p class="vote-voters" aria-live="polite">${vote ? t('projector.vote.voters', { count: voters, present: view.present }) : nothing}</p>
      </div>
      ${voteResults(t, choices, vote?.tallies ?? [])}
    </section>`;
  }
}

customElements.define('live-projector', LiveProjector);

declare global {
  interface HTMLElementTagNameMap {
    'live-projector': LiveProjector;
  }
}
