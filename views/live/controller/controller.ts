import { html, nothing } from 'lit';
import type { ControllerView, LiveState, Scenario } from '../../../src/index.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';
import type { LinkStatus, RoomLink } from '../link.ts';
import type { LiveEventInput } from '../local/room.ts';
import { LiveElement } from '../parts/element.ts';
import '../parts/lobby.ts';
import { actionsView, type ActionsUi } from './actions.ts';
import type { Desk } from './desk.ts';
import './lobby.ts';
import { roundView } from './round.ts';
import './summary.ts';

/** Where the controller's room runs: on the team server (by its code) or in this window (no server). */
export type RoomPlace = { kind: 'server'; code: string } | { kind: 'local'; clear: () => void };

/**
 * The trainer's controller of one live room, on a laptop or a tablet: the lobby (scenarios, hot
 * seat, join code), then each decision with everything the room cannot see (every reply's review,
 * who voted what) and the buttons that steer the room, then the summary. It draws the room's
 * snapshots and sends events; the room (server or this window) decides, and a refusal is shown.
 */
export class LiveController extends LiveElement {
  static override properties = {
    ...LiveElement.properties,
    book: { attribute: false },
    link: { attribute: false },
    place: { attribute: false },
    send: { attribute: false },
    root: { attribute: false },
    view: { state: true },
    status: { state: true },
    refusal: { state: true },
    notice: { attribute: false },
    timer: { state: true },
    confirmingEnd: { state: true },
  };
  declare book: ScenarioBook;
  /** Listened to only: events go through `send`, as the room's kind of link wants them. */
  declare link: RoomLink<never> & { readonly seq: number };
  declare place: RoomPlace;
  declare send: (event: LiveEventInput) => void;
  /** The screen's root, which carries `data-phase` and `data-seq` for tests and styles. */
  declare root: HTMLElement;
  declare view: ControllerView | null;
  declare status: LinkStatus;
  declare refusal: string;
  /** Something the trainer should know from the start (a stored session that could not be resumed). */
  declare notice: string;
  declare timer: number;
  declare confirmingEnd: boolean;
  private stops: (() => void)[] = [];

  constructor() {
    super();
    this.view = null;
    this.status = 'connecting';
    this.refusal = '';
    this.notice = '';
    this.timer = 0;
    this.confirmingEnd = false;
    this.addEventListener('scenario-loaded', () => this.requestUpdate());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stops = [
      this.link.onView((view) => {
        if (view.role !== 'controller') return;
        this.view = view;
        this.refusal = '';
        if (view.state.phase === 'summary' || view.state.phase === 'lobby') this.confirmingEnd = false;
        void this.book.loadAll(view.state.scenarios.map((ref) => ref.id)).then(() => this.requestUpdate());
      }),
      this.link.onStatus((status) => (this.status = status)),
      this.link.onRejected((reason) => (this.refusal = reason)),
    ];
  }

  /** Tests and styles read the moment shown from the root once it is drawn, never ahead of the drawing (nor while its scenarios still load). */
  protected override updated(): void {
    const state = this.view?.state;
    if (!state || !this.roomScenarios(state)) return;
    this.root.dataset.phase = state.phase;
    this.root.dataset.paused = String(state.paused);
    this.root.dataset.seq = String(this.link.seq);
  }

  override disconnectedCallback(): void {
    for (const stop of this.stops) stop();
    super.disconnectedCallback();
  }

  /** The scenarios the room plays, once loaded at the versions it names; null while one is missing. */
  private roomScenarios(state: LiveState): Scenario[] | null {
    const loaded = this.book.loadedScenarios();
    const found = state.scenarios.map((ref) => loaded.get(ref.id)).filter((scenario, index) => scenario?.version === state.scenarios[index]?.version);
    return found.length === state.scenarios.length ? (found as Scenario[]) : null;
  }

  private desk(state: LiveState, library: readonly Scenario[]): Desk {
    return { text: this.text, book: this.book, state, library, local: this.place.kind === 'local', send: (event) => this.send(event) };
  }

  private actionsUi(): ActionsUi {
    return { timer: this.timer, setTimer: (seconds) => (this.timer = seconds), confirmingEnd: this.confirmingEnd, setConfirmingEnd: (confirming) => (this.confirmingEnd = confirming) };
  }

  private projectorAddress(): string {
    const address = new URLSearchParams({ view: 'projector', lang: this.text.language });
    if (this.place.kind === 'server') address.set('code', this.place.code);
    else address.set('local', '1');
    return `live.html?${address.toString()}`;
  }

  private header(state: LiveState | null) {
    const { t } = this.text;
    return html`<header class="controller-top">
      <h1>${t('controller.title')}</h1>
      <p class="room-place">${this.place.kind === 'server' ? t('controller.code', { code: this.place.code }) : t('controller.local')}</p>
      <p class="connection" role="status" data-status=${this.status}>${state?.phase === 'summary' ? '' : t(`shared.connection.${this.status}`)}</p>
      <a class="button" href=${this.projectorAddress()} target="htl-projector" data-testid="projector-link">${t('controller.openProjector')}</a>
      ${state?.paused ? html`<p class="paused-banner" data-testid="paused">${t('shared.paused')}</p>` : nothing}
    </header>`;
  }

  private content(view: ControllerView) {
    const { t } = this.text;
    const { state } = view;
    if (state.phase === 'summary') {
      return html`${view.summary ? html`<live-session-summary .text=${this.text} .book=${this.book} .summary=${view.summary}></live-session-summary>` : nothing}
      ${this.place.kind === 'local' ? html`<button type="button" class="primary no-print" @click=${this.place.clear}>${t('controller.newSession')}</button>` : nothing}`;
    }
    if (state.phase === 'lobby') {
      const desk = this.desk(state, [...this.book.loadedScenarios().values()]);
      return html`${this.place.kind === 'server' ? html`<live-lobby .text=${this.text} .code=${this.place.code} .names=${null}></live-lobby>` : nothing}
        <live-controller-lobby .text=${this.text} .desk=${desk}></live-controller-lobby>`;
    }
    const library = this.roomScenarios(state);
    if (!library) return html`<p class="empty">${t('controller.loading')}</p>`;
    const desk = this.desk(state, library);
    return html`<div class="desk">${actionsView(desk, this.actionsUi())} ${roundView(desk, this.people(state))}</div>`;
  }

  /** Who is in the room, and who has voted this round (the trainer sees names; the room never does). */
  private people(state: LiveState) {
    const { t } = this.text;
    if (this.place.kind === 'local') return nothing;
    const votes = state.vote?.votes ?? {};
    return html`<section class="people" aria-labelledby="people-heading">
      <h3 id="people-heading">${t('controller.people', { count: state.participants.filter((p) => p.present).length })}</h3>
      <ul>
        ${state.participants.map(
          (p) => html`<li data-present=${p.present} data-voted=${p.id in votes}>
            ${p.name}${p.id === state.hotSeat ? html` <strong class="badge">${t('controller.inHotSeat')}</strong>` : nothing}
            ${p.present ? nothing : html` <span class="tag">${t('controller.away')}</span>`} ${p.id in votes ? html` <span class="tag">${t('controller.voted')}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  protected override render() {
    const view = this.view;
    return html`${this.header(view?.state ?? null)}
      <p class="message error" role="alert" data-testid="refusal">${this.refusal}</p>
      ${this.notice ? html`<p class="message notice">${this.notice}</p>` : nothing}
      ${view ? this.content(view) : html`<p class="empty">${this.text.t('shared.connection.connecting')}</p>`}`;
  }
}

customElements.define('live-controller', LiveController);

declare global {
  interface HTMLElementTagNameMap {
    'live-controller': LiveController;
  }
}
