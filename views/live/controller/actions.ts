import { html, nothing } from 'lit';
import '../parts/countdown.ts';
import { eventButton, type Desk } from './desk.ts';

/** The vote timers a trainer picks from (seconds; 0: no timer, the trainer closes the vote). */
export const TIMERS = [0, 30, 60, 90, 120, 180] as const;

/** What the action bar keeps between snapshots: the timer picked, and whether "end" waits for its confirmation. */
export interface ActionsUi {
  timer: number;
  setTimer(seconds: number): void;
  confirmingEnd: boolean;
  setConfirmingEnd(confirming: boolean): void;
}

/** The vote's state in words: open or closed, how many voted, the time left. */
function voteStatus(desk: Desk) {
  const { t } = desk.text;
  const vote = desk.state.vote;
  const voters = vote ? Object.keys(vote.votes).length : 0;
  const present = desk.state.participants.filter((p) => p.present).length;
  return html`<p class="vote-status" role="status" data-testid="vote-status">
    ${vote?.open ? t('controller.voteOpen', { voters, present }) : vote ? t('controller.voteClosed', { voters }) : t('controller.noVote')}
  </p>
  <live-countdown .text=${desk.text} .vote=${vote && { ...vote, voters }} ?paused=${desk.state.paused}></live-countdown>`;
}

/**
 * Everything the trainer can do to the room now, each button enabled only when the rules would
 * take its event: vote (with an optional timer), decide, reveal, advance, pause, undo, skip, end.
 */
export function actionsView(desk: Desk, ui: ActionsUi) {
  const { t } = desk.text;
  const { state } = desk;
  const durationMs = ui.timer > 0 ? ui.timer * 1000 : null;
  return html`<section class="actions panel" aria-labelledby="actions-heading">
    <h2 id="actions-heading" class="visually-hidden">${t('controller.actions')}</h2>
    ${desk.local ? nothing : voteStatus(desk)}
    ${desk.local
      ? nothing
      : html`<div class="action-row" role="group" aria-label=${t('controller.voteGroup')}>
          <label for="vote-timer">${t('controller.timer')}</label>
          <select id="vote-timer" .value=${String(ui.timer)} @change=${(event: Event) => ui.setTimer(Number((event.target as HTMLSelectElement).value))}>
            ${TIMERS.map((seconds) => html`<option value=${seconds} ?selected=${seconds === ui.timer}>${seconds === 0 ? t('controller.noTimer') : t('controller.seconds', { count: seconds })}</option>`)}
          </select>
          ${eventButton(desk, { type: 'voteOpened', durationMs }, t('controller.openVote'), { primary: state.phase === 'presenting' })}
          ${eventButton(desk, { type: 'voteClosed' }, t('controller.closeVote'))}
        </div>`}
    <div class="action-row" role="group" aria-label=${t('controller.decideGroup')}>
      ${desk.local ? nothing : eventButton(desk, { type: 'decided', source: 'hotSeat' }, t('controller.takeHotSeat'), { id: 'hotSeat' })}
      ${eventButton(desk, { type: 'decided', source: 'majority' }, t('controller.takeMajority'), { id: 'majority' })}
      ${eventButton(desk, { type: 'revealed' }, t('controller.reveal'), { primary: state.phase === 'revealed' && !state.feedbackShown })}
      ${eventButton(desk, { type: 'advanced' }, t('controller.advance'), { primary: state.phase === 'revealed' && state.feedbackShown })}
    </div>
    <div class="action-row" role="group" aria-label=${t('controller.sessionGroup')}>
      ${state.paused ? eventButton(desk, { type: 'resumed' }, t('controller.resume'), { primary: true }) : eventButton(desk, { type: 'paused' }, t('controller.pause'))}
      ${eventButton(desk, { type: 'undone' }, t('controller.undo'))} ${eventButton(desk, { type: 'skipped' }, t('controller.skip'))}
      ${ui.confirmingEnd
        ? html`<span class="confirm" role="group" aria-label=${t('controller.endConfirm')}>
            <span>${t('controller.endConfirm')}</span>
            ${eventButton(desk, { type: 'ended' }, t('controller.endNow'), { id: 'endNow' })}
            <button type="button" @click=${() => ui.setConfirmingEnd(false)}>${t('controller.cancel')}</button>
          </span>`
        : html`<button type="button" class="danger" data-event="ended" @click=${() => ui.setConfirmingEnd(true)}>${t('controller.end')}</button>`}
    </div>
  </section>`;
}
