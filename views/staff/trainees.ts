import { html, nothing } from 'lit';
import { api, type Cohort, type CohortTrainee } from './api.ts';
import type { StaffConfirm } from './confirm.ts';
import './confirm.ts';
import { feedbackRegions, said, StaffElement, type Feedback } from './element.ts';
import { failure } from './messages.ts';

/** One row's figures, from the attempts the server scored itself. */
function summary(trainee: CohortTrainee) {
  const attempts = [...trainee.attempts].sort((a, b) => b.startedAt - a.startedAt);
  const scores = attempts.flatMap((attempt) => (attempt.score ? [attempt.score.overall] : []));
  return {
    count: attempts.length,
    lastActivity: attempts[0]?.startedAt ?? trainee.createdAt,
    latest: attempts[0],
    best: scores.length > 0 ? Math.max(...scores) : undefined,
  };
}

let nextId = 0;

/** A cohort's trainees with their attempts and server scores; a trainee can be removed, after a confirmation that names them. */
export class StaffTrainees extends StaffElement {
  static override properties = { ...StaffElement.properties, cohort: { attribute: false }, trainees: { state: true }, feedback: { state: true } };
  declare cohort: Cohort;
  declare trainees: CohortTrainee[] | undefined;
  declare feedback: Feedback | undefined;
  private readonly captionId = `trainees-caption-${++nextId}`;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.trainees = await api.trainees(this.cohort.id);
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.feedback = failure(error, 'other');
    this.emit('api-failure', error);
  }

  private async removeTrainee(trainee: CohortTrainee): Promise<void> {
    const confirm = this.querySelector('staff-confirm') as StaffConfirm;
    const t = this.t;
    const confirmed = await confirm.ask({ heading: t('trainees.confirmHeading', { name: trainee.name }), text: t('trainees.confirmText', { name: trainee.name }), confirmLabel: t('trainees.confirm') });
    if (!confirmed) return;
    try {
      await api.removeTrainee(trainee.id);
      this.trainees = this.trainees?.filter((each) => each.id !== trainee.id);
      this.feedback = said('success', 'trainees.removed', { name: trainee.name });
      this.emit('trainee-removed', this.cohort.id);
    } catch (error) {
      this.failed(error);
    }
    // The row and its button are gone: focus goes to the table's caption (or "no one yet"), not to the top of the page.
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-focus-after-remove]')?.focus();
  }

  private row(trainee: CohortTrainee) {
    const t = this.t;
    const { count, lastActivity, latest, best } = summary(trainee);
    const latestScore = latest?.score
      ? html`${latest.score.overall}<span class="outcome">${t(`common:outcomes.${latest.outcome ?? 'unfinished'}`)}</span>`
      : t('trainees.noScore');
    return html`<tr>
      <th scope="row">${trainee.name}</th>
      <td class="number" data-label=${t('trainees.attempts')}>${count}</td>
      <td data-label=${t('trainees.lastActivity')}>${this.formatDate(lastActivity)}</td>
      <td class="number" data-label=${t('trainees.latestScore')}>${latestScore}</td>
      <td class="number" data-label=${t('trainees.bestScore')}>${best ?? t('trainees.noScore')}</td>
      <td><button type="button" class="danger" @click=${() => this.removeTrainee(trainee)}>${t('trainees.remove')}<span class="visually-hidden"> ${trainee.name}</span></button></td>
    </tr>`;
  }

  override render() {
    const t = this.t;
    const trainees = this.trainees;
    let body;
    if (!trainees) body = this.feedback ? nothing : html`<p>${t('loading')}</p>`;
    else if (trainees.length === 0) body = html`<p tabindex="-1" data-focus-after-remove>${t('trainees.none')}</p>`;
    else
      body = html`<div class="table-scroll" role="region" aria-labelledby=${this.captionId} tabindex="0">
        <table>
          <caption id=${this.captionId} tabindex="-1" data-focus-after-remove>${t('trainees.caption', { cohort: this.cohort.name })}</caption>
          <thead>
            <tr>
              <th scope="col">${t('trainees.name')}</th>
              <th scope="col" class="number">${t('trainees.attempts')}</th>
              <th scope="col">${t('trainees.lastActivity')}</th>
              <th scope="col" class="number">${t('trainees.latestScore')}</th>
              <th scope="col" class="number">${t('trainees.bestScore')}</th>
              <th scope="col"><span class="visually-hidden">${t('trainees.actions')}</span></th>
            </tr>
          </thead>
          <tbody>${trainees.map((trainee) => this.row(trainee))}</tbody>
        </table>
      </div>`;
    return html`${body}${feedbackRegions(this.feedback, this.t)}<staff-confirm .text=${this.text}></staff-confirm>`;
  }
}

customElements.define('staff-trainees', StaffTrainees);
