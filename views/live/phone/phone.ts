import { html, nothing, type PropertyValues } from 'lit';
import { choiceKey, type Choice, type ParticipantView, type RoomView, type Scenario } from '../../../src/index.ts';
import type { LinkStatus } from '../link.ts';
import { shownChoices, type ShownChoice } from '../parts/choices.ts';
import '../parts/countdown.ts';
import '../parts/customer.ts';
import { DecidedRound } from '../parts/decidedRound.ts';
import { LiveElement } from '../parts/element.ts';
import '../parts/feedback.ts';
import { voteResults } from '../parts/results.ts';
import { ScenarioSource } from '../parts/scenarios.ts';
import type { SocketLink } from '../socket/link.ts';
import './join.ts';
import { yourScore } from './score.ts';

/**
 * A participant's phone in a room: join with a name, then the customer's line and the replies,
 * a vote (changeable while the vote is open), the room's result and the reveal, and at the end
 * this phone's own score. The hot seat's phone is told its vote is the real choice. Everything
 * drawn from the room's snapshots; the link rejoins after a lost connection or a locked phone.
 */
export class LivePhone extends LiveElement {
  static override properties = {
    ...LiveElement.properties,
    link: { attribute: false },
    scenarios: { attribute: false },
    knownName: { attribute: false },
    view: { state: true },
    status: { state: true },
    refusal: { state: true },
    sending: { state: true },
    joining: { state: true },
  };
  declare link: SocketLink<'participant'>;
  declare scenarios: ScenarioSource;
  /** The trainee the server knows this browser as (a cohort room), offered as a one-tap join. */
  declare knownName: string | null;
  declare view: ParticipantView | null;
  declare status: LinkStatus;
  declare refusal: string | null;
  /** The vote just sent, until the room's snapshot shows it. */
  declare sending: string | null;
  /** A join was sent and its answer has not come: the form waits, so a second tap does not join twice. */
  declare joining: boolean;
  private readonly decided = new DecidedRound();
  private readonly stops: (() => void)[] = [];
  private hadToken = false;
  private forgotten = false;

  constructor() {
    super();
    this.view = null;
    this.status = 'connecting';
    this.refusal = null;
    this.sending = null;
    this.knownName = null;
    this.joining = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hadToken = this.link.hasToken();
    this.stops.push(
      this.link.onView((view: RoomView) => {
        if (view.role !== 'participant') return;
        if (view.phase !== this.view?.phase) this.refusal = null;
        this.view = view;
        this.joining = false;
        this.hadToken = this.link.hasToken();
        if (this.sending !== null && this.sending === (view.yourVote && choiceKey(view.yourVote))) this.sending = null;
        if (!view.vote?.open) this.sending = null;
      }),
      this.link.onStatus((status) => {
        this.status = status;
        this.joining = false;
      }),
      this.link.onRejected((reason) => {
        // The link forgets a token the room refused: then this phone joins anew, and says why.
        this.forgotten = this.hadToken && !this.link.hasToken();
        this.hadToken = this.link.hasToken();
        this.refusal = reason;
        this.sending = null;
        this.joining = false;
      }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.stops.splice(0)) stop();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // What tests wait on, on the page's root: the phase and the moment shown, the connection, whether this phone is in.
    if (changed.has('view') || changed.has('status')) {
      const root = this.parentElement ?? this;
      root.dataset.phase = this.view?.phase ?? 'none';
      root.dataset.seq = String(this.link.seq);
      root.dataset.status = this.status;
      root.dataset.joined = String(this.joined());
    }
  }

  private joined(): boolean {
    return Boolean(this.view?.you?.present);
  }

  private join(name: string): void {
    this.refusal = null;
    this.forgotten = false;
    this.joining = true;
    this.link.send({ type: 'join', name });
  }

  private vote(choice: Choice): void {
    if (!this.view || this.view.yourVote && choiceKey(this.view.yourVote) === choiceKey(choice)) return;
    this.refusal = null;
    this.sending = choiceKey(choice);
    this.link.send({ type: 'vote', choice });
  }

  protected override render() {
    const { t } = this.text;
    return html`<div class="phone-screen">
      <header class="phone-head">
        <h1 class="phone-room">${t('phone.room', { code: this.link.code })}</h1>
        <p class="connection" role="status" data-status=${this.status}>${this.statusText()}</p>
      </header>
      <p class="message error" role="alert">${this.refusal ? this.refusalText(this.refusal) : nothing}</p>
      ${this.body()}
    </div>`;
  }

  /** The room's reasons are in English for the trainer's logs: the phone says what happened in its own words, the reason after it. */
  private refusalText(reason: string) {
    const { t } = this.text;
    if (this.forgotten) return t('phone.forgotten');
    return html`${t('phone.refused')} <span class="reason" lang="en">(${reason})</span>`;
  }

  private statusText(): string {
    const { t } = this.text;
    if (this.status === 'closed' && !this.view) return t('shared.noRoom');
    return t(`shared.connection.${this.status}`);
  }

  private body() {
    const { t } = this.text;
    const view = this.view;
    if (this.status === 'closed' && !view) return nothing;
    if (!view?.you?.present) {
      if (this.link.hasToken() && this.status !== 'closed') return html`<p class="phone-wait">${t('phone.join.rejoining')}</p>`;
      return html`<live-join .text=${this.text} .knownName=${this.knownName} ?disabled=${this.status !== 'open' || this.joining} @join=${(event: CustomEvent<string>) => this.join(event.detail)}></live-join>`;
    }
    if (view.phase === 'summary') return yourScore(t, view);
    return html`
      ${view.paused ? html`<p class="paused-banner" role="status">${t('shared.paused')}</p>` : nothing}
      ${view.phase === 'lobby' ? this.lobby(view) : this.conversation(view)}
    `;
  }

  private lobby(view: ParticipantView) {
    const { t } = this.text;
    return html`<section class="phone-lobby" aria-labelledby="phone-lobby-title">
      <h2 id="phone-lobby-title">${t('phone.lobby.in', { name: view.you?.name ?? '' })}</h2>
      <p>${t('phone.lobby.waiting')}</p>
      <p class="meta">${t('phone.lobby.present', { count: view.present })}</p>
    </section>`;
  }

  private conversation(view: ParticipantView) {
    const { t } = this.text;
    const scenario = this.scenarios.get(view.scenario);
    const { vote, mine } = this.decided.see(view, view.yourVote);
    return html`
      <p class="hot-seat" data-you=${String(view.you?.hotSeat ?? false)}>
        ${view.you?.hotSeat ? html`<strong>${t('phone.hotSeat.you')}</strong>` : view.hotSeat ? t('phone.hotSeat.other', { name: view.hotSeat }) : nothing}
      </p>
      <live-customer .text=${this.text} .book=${this.scenarios.book} .scenario=${scenario} .conversation=${view.conversation}></live-customer>
      ${scenario && view.conversation ? this.decision(view, scenario, vote, mine) : html`<p class="phone-wait">${t('shared.connection.connecting')}</p>`}
    `;
  }

  private decision(view: ParticipantView, scenario: Scenario, vote: ParticipantView['vote'], mine: Choice | null) {
    const { t } = this.text;
    const book = this.scenarios.book;
    if (view.phase === 'revealed' && view.decision) {
      const choices = shownChoices(book, t, scenario, view.decision.before);
      return html`<live-feedback .text=${this.text} .book=${book} .scenario=${scenario} .decision=${view.decision} .hotSeat=${view.hotSeat} ?shown=${view.feedbackShown}></live-feedback>
        ${vote ? html`<h2 class="results-title">${t('phone.vote.result')}</h2>${voteResults(t, choices, vote.tallies, { chosen: choiceKey(view.decision.choice), mine: mine && choiceKey(mine) })}` : nothing}`;
    }
    const choices = view.conversation ? shownChoices(book, t, scenario, view.conversation) : [];
    if (choices.length === 0) return html`<p class="phone-wait">${t('phone.wait')}</p>`;
    if (view.phase === 'voting') return this.ballot(view, choices);
    if (vote && vote.tallies.length > 0) return html`<h2 class="results-title">${t('phone.vote.closed')}</h2>${voteResults(t, choices, vote.tallies, { mine: mine && choiceKey(mine) })}`;
    return html`<h2 class="replies-title">${t('phone.replies.title')}</h2>
      <p class="meta">${t('phone.replies.wait')}</p>
      <ol class="replies">${choices.map((shown) => html`<li>${shown.text}</li>`)}</ol>`;
  }

  private ballot(view: ParticipantView, choices: readonly ShownChoice[]) {
    const { t } = this.text;
    const mine = this.sending ?? (view.yourVote && choiceKey(view.yourVote));
    const number = choices.findIndex((shown) => shown.key === mine) + 1;
    const blocked = view.paused || this.status !== 'open';
    return html`<section class="ballot" aria-labelledby="ballot-title">
      <h2 id="ballot-title">${t(view.you?.hotSeat ? 'phone.vote.titleHotSeat' : 'phone.vote.title')}</h2>
      <live-countdown .text=${this.text} .vote=${view.vote} ?paused=${view.paused}></live-countdown>
      <div class="choices" role="group" aria-labelledby="ballot-title">
        ${choices.map(
          (shown, index) => html`<button type="button" class="choice" data-choice=${shown.key} aria-pressed=${String(shown.key === mine)} ?disabled=${blocked} @click=${() => this.vote(shown.choice)}>
            <span class="choice-number" aria-hidden="true">${index + 1}</span><span class="choice-text">${shown.text}</span>
          </button>`,
        )}
      </div>
      <p class="your-vote" role="status">${this.sending ? t('phone.vote.sending') : number > 0 ? t('phone.vote.yours', { number }) : t('phone.vote.none')}</p>
    </section>`;
  }
}

customElements.define('live-phone', LivePhone);

declare global {
  interface HTMLElementTagNameMap {
    'live-phone': LivePhone;
  }
}
