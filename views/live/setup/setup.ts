import { html } from 'lit';
import type { SessionSummary } from '../../../src/index.ts';
import { formatDateTime } from '../../parts/format.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';
import { api, ApiFailure, call, signedInStaff, type StaffMember } from '../../staff/api.ts';
import '../controller/summary.ts';
import { LiveElement } from '../parts/element.ts';

/** One of the trainer's rooms, as GET /api/live/rooms lists it. */
export interface RoomEntry {
  id: string;
  code: string;
  cohortId: string | null;
  createdAt: number;
  endedAt: number | null;
  phase: string;
}

type Screen =
  | { kind: 'loading' }
  | { kind: 'signedOut' }
  | { kind: 'notAllowed'; me: StaffMember }
  | { kind: 'failed'; reason: string }
  | { kind: 'ready'; me: StaffMember; cohorts: CohortName[]; rooms: RoomEntry[] }
  | { kind: 'summary'; room: RoomEntry; summary: SessionSummary };

/** The controller of a room on the team server. */
export const controllerAddress = (code: string) => `live.html?${new URLSearchParams({ code, view: 'controller' }).toString()}`;
const summaryAddress = (id: string) => `live.html?${new URLSearchParams({ view: 'setup', room: id }).toString()}`;

/** A cohort a room may be opened for, known by name only (GET /api/live/cohorts). */
interface CohortName {
  id: string;
  name: string;
}

/** Every cohort, by name: a trainer runs classes for any of them. */
const liveCohorts = () => call<{ cohorts: CohortName[] }>('GET', '/live/cohorts').then((result) => result.cohorts);

/**
 * Where a trainer (or an admin) opens a live room: for a cohort or none, then on to its
 * controller; their earlier rooms, open ones to go back to and ended ones to read the summary
 * of (`?room=<id>`). Anyone else is sent to sign in on the staff page, and back here after.
 */
export class LiveSetup extends LiveElement {
  static override properties = { ...LiveElement.properties, book: { attribute: false }, roomId: { attribute: false }, screen: { state: true }, refusal: { state: true }, busy: { state: true } };
  declare book: ScenarioBook;
  /** `?room=`: the ended room whose summary to show. */
  declare roomId: string | null;
  declare screen: Screen;
  declare refusal: string;
  declare busy: boolean;

  constructor() {
    super();
    this.roomId = null;
    this.screen = { kind: 'loading' };
    this.refusal = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      // Who is signed in, from the page's data when the server wrote it (no request, no 401 in the console), else asked.
      const known = signedInStaff();
      const me = known === undefined ? await api.me() : known;
      if (!me) return void (this.screen = { kind: 'signedOut' });
      if (me.role === 'manager') return void (this.screen = { kind: 'notAllowed', me });
      const rooms = call<{ rooms: RoomEntry[] }>('GET', '/live/rooms').then((answer) => answer.rooms);
      if (this.roomId) {
        const { room, summary } = await call<{ room: RoomEntry; summary: SessionSummary }>('GET', `/live/rooms/by-id/${encodeURIComponent(this.roomId)}/summary`);
        this.screen = { kind: 'summary', room, summary };
        return;
      }
      this.screen = { kind: 'ready', me, cohorts: await liveCohorts(), rooms: await rooms };
    } catch (error) {
      if (error instanceof ApiFailure && error.kind === 'unauthorized') this.screen = { kind: 'signedOut' };
      else this.screen = { kind: 'failed', reason: this.failure(error) };
    }
  }

  private failure(error: unknown): string {
    const { t } = this.text;
    if (!(error instanceof ApiFailure)) return t('setup.failed.other');
    return error.kind === 'offline' || error.kind === 'noServer' || error.kind === 'notFound' ? t(`setup.failed.${error.kind}`) : t('setup.failed.other');
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const cohortId = new FormData(event.currentTarget as HTMLFormElement).get('cohort');
    this.busy = true;
    this.refusal = '';
    try {
      const room = await call<{ id: string; code: string }>('POST', '/live/rooms', typeof cohortId === 'string' && cohortId !== '' ? { cohortId } : {});
      location.assign(controllerAddress(room.code));
    } catch (error) {
      this.refusal = this.failure(error);
      this.busy = false;
    }
  }

  private createForm(cohorts: CohortName[]) {
    const { t } = this.text;
    return html`<form class="create panel" @submit=${this.create} aria-labelledby="create-heading">
      <h2 id="create-heading">${t('setup.create.heading')}</h2>
      ${cohorts.length === 0
        ? html`<p class="note">${t('setup.create.noCohorts')}</p>`
        : html`<label for="cohort">${t('setup.create.cohort')}</label>
            <select id="cohort" name="cohort">
              <option value="">${t('setup.create.noCohort')}</option>
              ${cohorts.map((cohort) => html`<option value=${cohort.id}>${cohort.name}</option>`)}
            </select>
            <p class="note">${t('setup.create.cohortNote')}</p>`}
      <p class="message error" role="alert">${this.refusal}</p>
      <button type="submit" class="primary" ?disabled=${this.busy}>${t('setup.create.submit')}</button>
      <p class="note">${t('setup.create.local')} <a href="live.html?local=1&view=controller">${t('setup.create.localLink')}</a></p>
    </form>`;
  }

  private rooms(rooms: RoomEntry[], cohorts: CohortName[]) {
    const { t, language } = this.text;
    const cohortName = (id: string | null) => (id === null ? '–' : (cohorts.find((cohort) => cohort.id === id)?.name ?? '–'));
    return html`<section class="rooms" aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">${t('setup.rooms.heading')}</h2>
      ${rooms.length === 0
        ? html`<p class="empty">${t('setup.rooms.none')}</p>`
        : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('setup.rooms.code')}</th>
                  <th scope="col">${t('setup.rooms.opened')}</th>
                  <th scope="col">${t('setup.rooms.cohort')}</th>
                  <th scope="col">${t('setup.rooms.state')}</th>
                </tr>
              </thead>
              <tbody>
                ${rooms.map(
                  (room) => html`<tr data-room=${room.code}>
                    <th scope="row" data-label=${t('setup.rooms.code')}>${room.code}</th>
                    <td data-label=${t('setup.rooms.opened')}>${formatDateTime(room.createdAt, language)}</td>
                    <td data-label=${t('setup.rooms.cohort')}>${cohortName(room.cohortId)}</td>
                    <td data-label=${t('setup.rooms.state')}>
                      ${room.endedAt === null
                        ? html`<a href=${controllerAddress(room.code)}>${t('setup.rooms.open', { phase: t(`setup.phase.${room.phase}`) })}</a>`
                        : html`<a href=${summaryAddress(room.id)}>${t('setup.rooms.summary', { ended: formatDateTime(room.endedAt, language) })}</a>`}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private body() {
    const { t } = this.text;
    const screen = this.screen;
    switch (screen.kind) {
      case 'loading':
        return html`<p class="empty">${t('setup.loading')}</p>`;
      case 'signedOut':
        return html`<p class="panel narrow">${t('setup.signedOut')} <a href="staff.html?next=${encodeURIComponent('live.html?view=setup')}">${t('setup.signIn')}</a></p>`;
      case 'notAllowed':
        return html`<p class="panel narrow">${t('setup.notAllowed', { username: screen.me.username })}</p>`;
      case 'failed':
        return html`<p class="message error" role="alert">${screen.reason}</p>`;
      case 'ready':
        return html`${this.createForm(screen.cohorts)} ${this.rooms(screen.rooms, screen.cohorts)}`;
      case 'summary':
        return html`<p class="no-print"><a href="live.html?view=setup">${t('setup.back')}</a></p>
          <p class="meta">${t('setup.rooms.code')}: ${screen.room.code}</p>
          <live-session-summary .text=${this.text} .book=${this.book} .summary=${screen.summary}></live-session-summary>`;
    }
  }

  protected override render() {
    return html`<header class="setup-top no-print"><h1>${this.text.t('setup.title')}</h1></header>
      <div class="setup-body" data-screen=${this.screen.kind}>${this.body()}</div>`;
  }
}

customElements.define('live-setup', LiveSetup);

declare global {
  interface HTMLElementTagNameMap {
    'live-setup': LiveSetup;
  }
}
