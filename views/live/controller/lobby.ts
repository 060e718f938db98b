import { html, nothing } from 'lit';
import type { HotSeatRotation, RosterEntry } from '../../../src/index.ts';
import { LiveElement } from '../parts/element.ts';
import { eventButton, type Desk } from './desk.ts';

/** A seed for the reply order: any whole number; a new one per session unless the trainer types one (to replay a class). */
const newSeed = () => Math.floor(Math.random() * 1_000_000);

/**
 * The controller's lobby: the scenarios to play (in the order picked), who takes the hot seat (from
 * the people present, in order) and how it rotates, the seed, and Start. In a room without a
 * server the trainer types the names of the people in the room instead of phones joining.
 */
export class ControllerLobby extends LiveElement {
  static override properties = {
    ...LiveElement.properties,
    desk: { attribute: false },
    picked: { state: true },
    seats: { state: true },
    rotation: { state: true },
    every: { state: true },
    seed: { state: true },
  };
  declare desk: Desk;
  /** Scenario ids, in the order they will be played. */
  declare picked: string[];
  /** Participant ids, in hot-seat order. */
  declare seats: string[];
  declare rotation: HotSeatRotation['every'];
  declare every: number;
  declare seed: number;

  constructor() {
    super();
    this.picked = [];
    this.seats = [];
    this.rotation = 'scenario';
    this.every = 3;
    this.seed = newSeed();
  }

  private togglePick(id: string, on: boolean): void {
    this.picked = on ? [...this.picked.filter((each) => each !== id), id] : this.picked.filter((each) => each !== id);
    // Loaded now, so Start knows its version and the rules can check it; the controller redraws when it is in.
    if (on) void this.desk.book.load(id).then(() => this.dispatchEvent(new Event('scenario-loaded', { bubbles: true })));
  }

  private toggleSeat(id: string, on: boolean): void {
    this.seats = on ? [...this.seats.filter((each) => each !== id), id] : this.seats.filter((each) => each !== id);
  }

  private moveSeat(id: string, by: -1 | 1): void {
    const seats = [...this.seats];
    const from = seats.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= seats.length) return;
    [seats[from], seats[to]] = [seats[to] as string, seats[from] as string];
    this.seats = seats;
  }

  private addName(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('typed-name') as HTMLInputElement;
    if (input.value.trim() === '') return;
    const participant = `typed-${crypto.randomUUID()}`;
    this.desk.send({ type: 'joined', participant, name: input.value });
    this.seats = [...this.seats, participant];
    input.value = '';
    input.focus();
  }

  /** The `started` event as picked now (scenarios not loaded yet are left out: the rules then say what is missing). */
  private started() {
    const loaded = this.desk.book.loadedScenarios();
    const present = this.desk.state.participants.filter((p) => p.present);
    const roster: RosterEntry[] = this.seats.flatMap((id) => present.filter((p) => p.id === id).map(({ name }) => ({ id, name })));
    return {
      type: 'started' as const,
      scenarios: this.picked.flatMap((id) => {
        const scenario = loaded.get(id);
        return scenario ? [{ id, version: scenario.version }] : [];
      }),
      seed: this.seed,
      roster,
      rotation: this.rotation === 'scenario' ? ({ every: 'scenario' } as const) : ({ every: 'decisions', n: this.every } as const),
    };
  }

  private scenarios() {
    const { t, language } = this.text;
    const { book } = this.desk;
    return html`<fieldset class="scenario-pick">
      <legend>${t('controller.lobby.scenarios')}</legend>
      <ul>
        ${book.entries.map((entry) => {
          const position = this.picked.indexOf(entry.id);
          return html`<li>
            <input type="checkbox" id="pick-${entry.id}" .checked=${position >= 0} @change=${(event: Event) => this.togglePick(entry.id, (event.target as HTMLInputElement).checked)} />
            <label for="pick-${entry.id}">
              ${book.title(entry.id, language)}
              <span class="meta">${t(`channels.${entry.channel}`, { ns: 'common' })} · ${t('controller.lobby.difficulty', { level: entry.difficulty })}</span>
            </label>
            ${position >= 0 ? html`<span class="badge" data-testid="order">${t('controller.lobby.order', { position: position + 1 })}</span>` : nothing}
          </li>`;
        })}
      </ul>
    </fieldset>`;
  }

  private roster() {
    const { t } = this.text;
    const present = this.desk.state.participants.filter((p) => p.present);
    return html`<fieldset class="roster">
      <legend>${t('controller.lobby.hotSeat')}</legend>
      ${present.length === 0 ? html`<p class="empty">${t(this.desk.local ? 'controller.lobby.typeNames' : 'controller.lobby.nobodyYet')}</p>` : nothing}
      <ul>
        ${present.map((participant) => {
          const seat = this.seats.indexOf(participant.id);
          return html`<li data-participant=${participant.name}>
            <input type="checkbox" id="seat-${participant.id}" .checked=${seat >= 0} @change=${(event: Event) => this.toggleSeat(participant.id, (event.target as HTMLInputElement).checked)} />
            <label for="seat-${participant.id}">${participant.name}</label>
            ${seat >= 0
              ? html`<span class="badge">${t('controller.lobby.seat', { position: seat + 1 })}</span>
                  <button type="button" ?disabled=${seat === 0} aria-label=${t('controller.lobby.earlier', { name: participant.name })} @click=${() => this.moveSeat(participant.id, -1)}>↑</button>
                  <button type="button" ?disabled=${seat === this.seats.length - 1} aria-label=${t('controller.lobby.later', { name: participant.name })} @click=${() => this.moveSeat(participant.id, 1)}>↓</button>`
              : nothing}
            ${this.desk.local ? html`<button type="button" @click=${() => this.desk.send({ type: 'left', participant: participant.id })}>${t('controller.lobby.remove', { name: participant.name })}</button>` : nothing}
          </li>`;
        })}
      </ul>
      ${this.desk.local
        ? html`<form class="typed-name" @submit=${this.addName}>
            <label for="typed-name">${t('controller.lobby.name')}</label>
            <input id="typed-name" name="typed-name" maxlength="60" autocomplete="off" />
            <button type="submit">${t('controller.lobby.add')}</button>
          </form>`
        : nothing}
    </fieldset>`;
  }

  private rotationAndSeed() {
    const { t } = this.text;
    const radio = (value: HotSeatRotation['every'], label: string) =>
      html`<label class="inline"><input type="radio" name="rotation" value=${value} .checked=${this.rotation === value} @change=${() => (this.rotation = value)} /> ${label}</label>`;
    return html`<fieldset class="rotation">
      <legend>${t('controller.lobby.rotation')}</legend>
      ${radio('scenario', t('controller.lobby.perScenario'))} ${radio('decisions', t('controller.lobby.perDecisions'))}
      <label for="rotation-every">${t('controller.lobby.every')}</label>
      <input id="rotation-every" type="number" min="1" max="100" .value=${String(this.every)} ?disabled=${this.rotation !== 'decisions'} @input=${(event: Event) => (this.every = Math.max(1, Math.round(Number((event.target as HTMLInputElement).value)) || 1))} />
      <label for="seed">${t('controller.lobby.seed')}</label>
      <input id="seed" type="number" min="0" max="4294967295" .value=${String(this.seed)} @input=${(event: Event) => (this.seed = Math.max(0, Math.round(Number((event.target as HTMLInputElement).value)) || 0))} />
      <p class="note">${t('controller.lobby.seedNote')}</p>
    </fieldset>`;
  }

  protected override render() {
    const { t } = this.text;
    return html`<section class="prepare panel" aria-labelledby="lobby-heading">
      <h2 id="lobby-heading">${t('controller.lobby.heading')}</h2>
      <div class="prepare-grid">${this.scenarios()} ${this.roster()} ${this.rotationAndSeed()}</div>
      <div class="action-row">${eventButton(this.desk, this.started(), t('controller.lobby.start'), { primary: true })}</div>
    </section>`;
  }
}

customElements.define('live-controller-lobby', ControllerLobby);
