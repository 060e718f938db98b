import type { TFunction } from 'i18next';
import { html } from 'lit';
import { explainDecision, type Scenario } from '../../src/index.ts';
import { formatDateTime } from '../parts/format.ts';
import { practiseLink, type WeakMoment } from '../parts/progressData.ts';

/**
 * The decisions the trainee got wrong, each explained as the debrief explains it (what they said,
 * why it hurt, the principle, the better reply) with a link that opens the game at that moment.
 */
export function weakMomentList(moments: readonly WeakMoment[], scenarios: ReadonlyMap<string, Scenario>, t: TFunction, language: string) {
  const say = (key: string, options: Record<string, unknown> = {}) => t(key, { ns: 'dashboard', ...options });
  if (moments.length === 0) return html`<p class="empty">${say('weak.none')}</p>`;
  return html`<ol class="weak-moments" data-testid="weak-moments">
    ${moments.map((moment) => {
      const scenario = scenarios.get(moment.scenario);
      if (!scenario) return null;
      const explained = explainDecision(scenario, moment.review, t);
      const title = t('title', { ns: scenario.id });
      const number = moment.index + 1;
      return html`<li class="weak-moment panel" data-attempt=${moment.attemptId} data-index=${moment.index}>
        <h3>${say('weak.decision', { title, number })}</h3>
        <p class="meta">${say('weak.played', { date: formatDateTime(moment.at, language) })}</p>
        <p><span class="label">${t('debrief.youSaid')}:</span> ${t('debrief.quoted', { text: explained.said })}</p>
        <p><span class="label">${t('debrief.why')}:</span> ${explained.feedback}</p>
        ${explained.principles.length > 0
          ? html`<p><span class="label">${t('debrief.principle')}:</span> ${explained.principles.map(({ id, title: principle }) => `${id} — ${principle}`).join('; ')}</p>`
          : null}
        ${explained.better === null ? null : html`<p class="better"><span class="label">${t('debrief.better')}:</span> ${t('debrief.quoted', { text: explained.better })}</p>`}
        <a class="button" data-testid="practise" href=${practiseLink(moment)}>${say('weak.practise')}<span class="visually-hidden">: ${say('weak.practiseContext', { title, number })}</span></a>
      </li>`;
    })}
  </ol>`;
}
