import type { TFunction } from 'i18next';
import { html, LitElement } from 'lit';
import { SKILLS } from '../../src/index.ts';
import { formatDateTime } from './format.ts';
import type { AttemptRow } from './progressData.ts';

/**
 * Every attempt, newest first: scenario, date, language, outcome, overall and the four skills. An
 * attempt that cannot be scored as shipped says why instead of showing numbers. Light DOM; texts
 * from `t` (common's outcomes and skills, the `dashboard` namespace's column names).
 */
export class AttemptList extends LitElement {
  static override properties = { rows: { attribute: false }, t: { attribute: false }, language: {} };
  declare rows: AttemptRow[];
  declare t: TFunction;
  declare language: string;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render() {
    const { t } = this;
    const say = (key: string, options: Record<string, unknown> = {}) => t(key, { ns: 'dashboard', ...options });
    if (this.rows.length === 0) return html`<p class="empty">${say('attempts.none')}</p>`;
    const newestFirst = [...this.rows].sort((a, b) => b.startedAt - a.startedAt);
    return html`
      <div class="table-scroll">
        <table class="attempt-table" data-testid="attempt-table">
          <caption>${say('attempts.caption', { count: this.rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">${say('attempts.scenario')}</th>
              <th scope="col">${say('attempts.date')}</th>
              <th scope="col">${say('attempts.language')}</th>
              <th scope="col">${say('attempts.outcome')}</th>
              <th scope="col">${t('debrief.overall')}</th>
              ${SKILLS.map((skill) => html`<th scope="col">${t(`skills.${skill}`)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${newestFirst.map(
              (row) => html`
                <tr data-attempt=${row.id} data-scenario=${row.scenario}>
                  <th scope="row">
                    ${row.title}
                    ${row.replayedPrefix > 0 ? html`<span class="note">${say('attempts.practice', { number: row.replayedPrefix + 1 })}</span>` : null}
                  </th>
                  <td data-label=${say('attempts.date')}>${formatDateTime(row.startedAt, this.language)}</td>
                  <td data-label=${say('attempts.language')}>${say(`languages.${row.language}`, { defaultValue: row.language })}</td>
                  <td data-label=${say('attempts.outcome')} data-outcome=${row.outcome ?? 'unfinished'}>${t(`outcomes.${row.outcome ?? 'unfinished'}`)}</td>
                  ${row.scores
                    ? html`<td data-label=${t('debrief.overall')} data-testid="attempt-overall">${row.scores.overall}</td>
                        ${SKILLS.map((skill) => html`<td data-label=${t(`skills.${skill}`)} data-skill=${skill}>${row.scores?.skills[skill]}</td>`)}`
                    : html`<td colspan=${SKILLS.length + 1} class="unscored" data-testid="attempt-unscored">${say(`attempts.${row.unscored ?? 'changed'}`)}</td>`}
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

customElements.define('htl-attempt-list', AttemptList);

declare global {
  interface HTMLElementTagNameMap {
    'htl-attempt-list': AttemptList;
  }
}
