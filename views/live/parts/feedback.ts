import type { TFunction } from 'i18next';
import { html, nothing } from 'lit';
import { COMMON_NAMESPACE, reviewDecision, SKILLS, type RoundDecision, type Scenario } from '../../../src/index.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';
import { LiveElement } from './element.ts';
import { verdictOf } from './verdict.ts';

/** Who took the room's move: the hot seat (by name), the room's majority, or the trainer. */
export const whoChose = (t: TFunction, decision: RoundDecision, hotSeat: string | null): string => t(`shared.feedback.source.${decision.source}`, { name: hotSeat ?? '' });

/**
 * The move the room just took, reviewed as the debrief reviews a decision (`reviewDecision`, at the
 * state the room was in): who chose it, what was said, how good it was, why (the feedback and the
 * principles it teaches), its effect on each skill, and the better reply when it was weak. Shown
 * once the trainer reveals it (`feedbackShown`); before that, only what was said.
 */
export class LiveFeedback extends LiveElement {
  static override properties = {
    ...LiveElement.properties,
    book: { attribute: false },
    scenario: { attribute: false },
    decision: { attribute: false },
    shown: { type: Boolean },
    hotSeat: { attribute: false },
  };
  declare book: ScenarioBook;
  declare scenario: Scenario | undefined;
  declare decision: RoundDecision | null;
  declare shown: boolean;
  declare hotSeat: string | null;

  protected override render() {
    const { scenario, decision } = this;
    if (!scenario || !decision) return nothing;
    const { t } = this.text;
    const review = reviewDecision(scenario, decision.before, decision.choice, decision.index);
    const said = this.book.said(scenario.id, decision.before.node, decision.choice);
    const who = whoChose(t, decision, this.hotSeat);
    if (!review || !this.shown)
      return html`<section class="feedback" aria-labelledby="feedback-title" data-shown="false">
        <h2 id="feedback-title">${who}</h2>
        <blockquote class="said">${t('shared.quoted', { text: said })}</blockquote>
      </section>`;
    const verdict = verdictOf(review.quality);
    // A weak move's better one: a reply, or (after a needless breath) carrying on without pausing.
    const better = review.better && (review.better.reply ? t('shared.quoted', { text: this.book.reply(scenario.id, review.node, review.better.reply) }) : t('debrief.noPause', { ns: COMMON_NAMESPACE }));
    return html`<section class="feedback" aria-labelledby="feedback-title" data-shown="true" data-verdict=${verdict}>
      <h2 id="feedback-title">${who}</h2>
      <blockquote class="said">${t('shared.quoted', { text: said })}</blockquote>
      <p class="verdict" data-verdict=${verdict}>
        <span class="verdict-word">${t(`shared.feedback.verdict.${verdict}`)}</span>
        <span class="verdict-score">${t('shared.feedback.quality', { percent: Math.round(review.quality * 100) })}</span>
      </p>
      <p class="why">${t(review.feedback.key, { ns: review.feedback.ns })}</p>
      <ul class="principles" aria-label=${t('shared.feedback.principles')}>
        ${review.teaches.map((principle) => html`<li><span class="principle-id">${principle}</span> ${t(`principles.${principle}`, { ns: COMMON_NAMESPACE })}</li>`)}
      </ul>
      <ul class="effects" aria-label=${t('shared.feedback.effects')}>
        ${SKILLS.map((skill) => {
          const effect = review.skills[skill];
          const sign = effect > 0 ? 'up' : effect < 0 ? 'down' : 'none';
          return html`<li data-skill=${skill} data-effect=${sign}>
            <span class="effect-mark" aria-hidden="true">${effect > 0 ? '▲' : effect < 0 ? '▼' : '•'}</span>
            ${t(`skills.${skill}`, { ns: COMMON_NAMESPACE })}
            <span class="effect-value">${t(`shared.feedback.effect.${sign}`, { value: effect > 0 ? `+${effect}` : String(effect).replace('-', '−') })}</span>
          </li>`;
        })}
      </ul>
      ${better ? html`<p class="better"><span class="label">${t('shared.feedback.better')}</span> ${better}</p>` : nothing}
    </section>`;
  }
}

customElements.define('live-feedback', LiveFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'live-feedback': LiveFeedback;
  }
}
