import type { TFunction } from 'i18next';
import { html, nothing } from 'lit';
import type { Tally } from '../../../src/index.ts';
import { votesFor, type ShownChoice } from './choices.ts';
import { barWidth } from './width.ts';

/**
 * The vote as bars: each move in the order shown, numbered as everywhere, with its count in words
 * and a bar as long as its share of the votes. `chosen` marks the move the room took; `mine` the
 * phone's own vote (both in words, not only by colour).
 */
export function voteResults(t: TFunction, choices: readonly ShownChoice[], tallies: readonly Tally[], marks: { chosen?: string | null; mine?: string | null } = {}) {
  const total = tallies.reduce((sum, tally) => sum + tally.count, 0);
  return html`<ol class="results" aria-label=${t('shared.results.title', { count: total })}>
    ${choices.map((shown, index) => {
      const count = votesFor(tallies, shown.key);
      const share = total === 0 ? 0 : count / total;
      return html`<li class="result" data-choice=${shown.key} data-count=${count} ?data-chosen=${marks.chosen === shown.key}>
        <span class="result-number" aria-hidden="true">${index + 1}</span>
        <span class="result-text">
          ${shown.text}
          ${marks.chosen === shown.key ? html`<strong class="result-mark">${t('shared.results.chosen')}</strong>` : nothing}
          ${marks.mine === shown.key ? html`<strong class="result-mark mine">${t('shared.results.mine')}</strong>` : nothing}
        </span>
        <span class="result-bar" aria-hidden="true"><span class="result-fill" ${barWidth(Math.round(share * 100))}></span></span>
        <span class="result-count">${t('shared.results.votes', { count })}</span>
      </li>`;
    })}
  </ol>`;
}
