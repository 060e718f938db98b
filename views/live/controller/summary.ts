import { html, nothing } from 'lit';
import { SKILLS, type Choice, type Skill, type DecisionSummary, type JudgedChoice, type SessionSummary } from '../../../src/index.ts';
import { download, toCsv, today } from '../../parts/csv.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';
import { choiceText } from '../parts/choices.ts';
import { LiveElement } from '../parts/element.ts';

/** The hardest decisions a printed handout has room for, on one A4 page with the scores. */
const HANDOUT_HARDEST = 4;

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/**
 * A live session's summary for the trainer: each participant's score per skill, the decisions the
 * room found hardest, and for every decision the room's move next to the hot seat's and the best;
 * exported as CSV (the dashboard's writer, formulas escaped) and printed as a one-page A4 handout.
 */
export class SessionSummaryView extends LiveElement {
  static override properties = { ...LiveElement.properties, book: { attribute: false }, summary: { attribute: false }, loaded: { state: true } };
  declare book: ScenarioBook;
  declare summary: SessionSummary;
  /** The scenarios' words are in (the moves are quoted). */
  declare loaded: boolean;

  constructor() {
    super();
    this.loaded = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('summary') || !this.summary) return;
    const ids = [...this.summary.attempts.map((attempt) => attempt.scenario), ...this.summary.decisions.map((decision) => decision.scenario)];
    void this.book.loadAll(ids).then(() => (this.loaded = true));
  }

  private nameOf(participant: string): string {
    return this.summary.participants.find((score) => score.participant === participant)?.name ?? '';
  }

  private move(decision: DecisionSummary, choice: Choice | null): string {
    return choice ? choiceText(this.book, this.text.t, decision.scenario, decision.node, choice) : '–';
  }

  private judged(decision: DecisionSummary, judged: JudgedChoice | null | undefined) {
    return judged ? html`${this.move(decision, judged.choice)} <span class="quality">(${percent(judged.quality)})</span>` : html`<span class="empty">${this.text.t('controller.summary.noVote')}</span>`;
  }

  private participantRows(): Record<'name' | 'votes' | 'overall' | Skill, string | number>[] {
    return this.summary.participants.map((score) => ({ name: score.name, votes: score.votes, overall: score.overall ?? '', ...(score.skills ?? { calm: '', notPersonal: '', empathy: '', concreteFix: '' }) }));
  }

  private decisionRows() {
    return this.summary.decisions.map((decision) => ({
      decision: decision.decision + 1,
      scenario: this.book.title(decision.scenario, this.text.language),
      source: decision.source,
      room: this.move(decision, decision.room.choice),
      roomQuality: Math.round(decision.room.quality * 100),
      hotSeat: decision.hotSeat ? this.nameOf(decision.hotSeat.participant) : '',
      hotSeatVote: decision.hotSeat?.vote ? this.move(decision, decision.hotSeat.vote.choice) : '',
      best: this.move(decision, decision.best),
      voters: decision.voters,
      agreement: decision.agreement === null ? '' : Math.round(decision.agreement * 100),
      meanQuality: decision.meanQuality === null ? '' : Math.round(decision.meanQuality * 100),
      hard: decision.hard,
    }));
  }

  private exportCsv(kind: 'participants' | 'decisions'): void {
    const csv =
      kind === 'participants'
        ? toCsv(this.participantRows(), ['name', 'votes', 'overall', ...SKILLS])
        : toCsv(this.decisionRows(), ['decision', 'scenario', 'source', 'room', 'roomQuality', 'hotSeat', 'hotSeatVote', 'best', 'voters', 'agreement', 'meanQuality', 'hard']);
    download(`live-${kind}-${today()}.csv`, csv, 'text/csv;charset=utf-8');
  }

  private scores() {
    const { t } = this.text;
    return html`<div class="table-scroll">
      <table data-testid="participant-scores">
        <caption>
          ${t('controller.summary.scoresCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('controller.summary.name')}</th>
            <th scope="col">${t('controller.summary.votes')}</th>
            <th scope="col">${t('controller.summary.overall')}</th>
            ${SKILLS.map((skill) => html`<th scope="col">${t(`skills.${skill}`, { ns: 'common' })}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.summary.participants.map(
            (score) => html`<tr>
              <th scope="row" data-label=${t('controller.summary.name')}>${score.name}</th>
              <td data-label=${t('controller.summary.votes')}>${score.votes}</td>
              <td data-label=${t('controller.summary.overall')} data-testid="overall">${score.overall ?? '–'}</td>
              ${SKILLS.map((skill) => html`<td data-label=${t(`skills.${skill}`, { ns: 'common' })} data-skill=${skill}>${score.skills?.[skill] ?? '–'}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private decision(decision: DecisionSummary, printed: boolean) {
    const { t } = this.text;
    return html`<li class="hard-decision ${printed ? '' : 'no-print'}">
      <h4>${t('controller.summary.decisionOf', { number: decision.decision + 1, title: this.book.title(decision.scenario, this.text.language) })}</h4>
      <p class="meta">${t('controller.summary.split', { agreement: percent(decision.agreement), quality: percent(decision.meanQuality), count: decision.voters })}</p>
      <dl>
        <dt>${t('controller.summary.room')}</dt>
        <dd>${this.judged(decision, decision.room)}</dd>
        ${decision.hotSeat ? html`<dt>${t('controller.summary.hotSeat', { name: this.nameOf(decision.hotSeat.participant) })}</dt><dd>${this.judged(decision, decision.hotSeat.vote)}</dd>` : nothing}
        <dt>${t('controller.summary.best')}</dt>
        <dd>${this.move(decision, decision.best)}</dd>
      </dl>
    </li>`;
  }

  private everyDecision() {
    const { t } = this.text;
    const yes = (value: boolean | null) => (value === null ? '–' : t(value ? 'controller.summary.yes' : 'controller.summary.no'));
    return html`<div class="table-scroll no-print">
      <table data-testid="decisions">
        <caption>
          ${t('controller.summary.decisionsCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">${t('controller.summary.room')}</th>
            <th scope="col">${t('controller.summary.followedHotSeat')}</th>
            <th scope="col">${t('controller.summary.choseBest')}</th>
            <th scope="col">${t('controller.summary.agreement')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.summary.decisions.map(
            (decision) => html`<tr>
              <th scope="row" data-label="#">${decision.decision + 1}</th>
              <td data-label=${t('controller.summary.room')}>${this.judged(decision, decision.room)} <span class="note">${t(`controller.decidedBy.${decision.source}`)}</span></td>
              <td data-label=${t('controller.summary.followedHotSeat')}>${yes(decision.roomFollowedHotSeat)}</td>
              <td data-label=${t('controller.summary.choseBest')}>${yes(decision.roomChoseBest)}</td>
              <td data-label=${t('controller.summary.agreement')}>${percent(decision.agreement)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    if (!this.summary) return nothing;
    const { t } = this.text;
    const hardest = this.summary.hardest;
    return html`<section class="session-summary panel" aria-labelledby="summary-heading" data-loaded=${this.loaded}>
      <h2 id="summary-heading">${t('controller.summary.heading')}</h2>
      <p class="meta">
        ${this.summary.attempts.map(
          (attempt) =>
            html`<span class="attempt">${t('controller.summary.attempt', { title: this.book.title(attempt.scenario, this.text.language), outcome: t(`outcomes.${attempt.outcome ?? 'unfinished'}`, { ns: 'common' }), score: attempt.score.overall })}</span> `,
        )}
      </p>
      <div class="action-row no-print">
        <button type="button" data-export="participants" @click=${() => this.exportCsv('participants')}>${t('controller.summary.csvParticipants')}</button>
        <button type="button" data-export="decisions" @click=${() => this.exportCsv('decisions')}>${t('controller.summary.csvDecisions')}</button>
        <button type="button" @click=${() => window.print()}>${t('controller.summary.print')}</button>
      </div>
      <h3>${t('controller.summary.scores')}</h3>
      ${this.scores()}
      <h3>${t('controller.summary.hardest')}</h3>
      ${hardest.length === 0
        ? html`<p class="empty">${t('controller.summary.noneHard')}</p>`
        : html`<ol class="hardest">
            ${hardest.map((decision, index) => this.decision(decision, index < HANDOUT_HARDEST))}
          </ol>`}
      ${this.everyDecision()}
    </section>`;
  }
}

customElements.define('live-session-summary', SessionSummaryView);
