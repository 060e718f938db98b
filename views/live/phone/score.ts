import type { TFunction } from 'i18next';
import { html, nothing } from 'lit';
import { COMMON_NAMESPACE, SKILLS, type ParticipantView } from '../../../src/index.ts';
import { barWidth } from '../parts/width.ts';

/**
 * The end of the session on a phone: this participant's own score, per skill and overall, from
 * their votes reviewed as the debrief reviews a decision (0–100, each a number beside its bar).
 */
export function yourScore(t: TFunction, view: ParticipantView) {
  const score = view.yourScore;
  const rows = score?.skills ? SKILLS.map((skill) => ({ key: skill, label: t(`skills.${skill}`, { ns: COMMON_NAMESPACE }), value: score.skills?.[skill] ?? 0 })) : [];
  return html`<section class="your-score" aria-labelledby="score-title">
    <h2 id="score-title">${t('phone.score.title')}</h2>
    <p>${t('shared.ended')}</p>
    ${score && score.votes > 0 && score.overall !== null
      ? html`<p class="meta">${t('phone.score.votes', { count: score.votes })}</p>
          <p class="score-overall"><span class="label">${t('phone.score.overall')}</span> <strong data-testid="score-overall">${score.overall}</strong></p>
          <ul class="score-skills">
            ${rows.map(
              (row) => html`<li data-skill=${row.key}>
                <span class="score-label">${row.label}</span>
                <span class="score-bar" aria-hidden="true"><span class="score-fill" ${barWidth(row.value)}></span></span>
                <span class="score-value">${row.value}</span>
              </li>`,
            )}
          </ul>`
      : score
        ? html`<p>${t('phone.score.none')}</p>`
        : nothing}
  </section>`;
}
