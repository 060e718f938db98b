import { html, nothing } from 'lit';
import { COMMON_NAMESPACE, customerLineId, lineIds, type ConversationState, type Scenario } from '../../../src/index.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';
import { LiveElement } from './element.ts';
import { meter } from './meter.ts';
import { portraitUrl } from './portrait.ts';

/** A line longer than this many characters is set smaller where space is fixed (the projector). */
const LONG_LINE = 220;

/**
 * The customer as the room sees them: portrait (their face follows their mood), name and channel,
 * what they say now (a polite live region, so a screen reader hears each new line), and the mood
 * and composure meters. Nothing until the scenario's text has loaded.
 */
export class LiveCustomer extends LiveElement {
  static override properties = { ...LiveElement.properties, book: { attribute: false }, scenario: { attribute: false }, conversation: { attribute: false } };
  declare book: ScenarioBook;
  declare scenario: Scenario | undefined;
  declare conversation: ConversationState | null;

  protected override render() {
    const { scenario, conversation } = this;
    if (!scenario || !conversation) return nothing;
    const { t } = this.text;
    const say = (key: string) => t(key, { ns: scenario.id });
    const portrait = portraitUrl(scenario.id, conversation.mood);
    const line = say(customerLineId(scenario, conversation));
    return html`<section class="customer" aria-labelledby="customer-name" data-node=${conversation.node}>
      ${portrait ? html`<img class="portrait" src=${portrait} alt="" width="240" height="240" />` : nothing}
      <div class="customer-body">
        <h2 class="customer-name" id="customer-name">
          ${say(lineIds.customerName)}
          <span class="channel">${t(`channels.${scenario.channel}`, { ns: COMMON_NAMESPACE })} · ${say(lineIds.title)}</span>
        </h2>
        <p class="customer-line" aria-live="polite" ?data-long=${line.length > LONG_LINE}>${t('shared.quoted', { text: line })}</p>
        <div class="meters">${meter(t, 'mood', conversation.mood)} ${meter(t, 'composure', conversation.composure)}</div>
        ${conversation.outcome ? html`<p class="outcome" data-outcome=${conversation.outcome}>${t(`outcomes.${conversation.outcome}`, { ns: COMMON_NAMESPACE })}</p>` : nothing}
      </div>
    </section>`;
  }
}

customElements.define('live-customer', LiveCustomer);

declare global {
  interface HTMLElementTagNameMap {
    'live-customer': LiveCustomer;
  }
}
