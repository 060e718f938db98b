import type { TFunction } from 'i18next';
import { html } from 'lit';
import { composureBand, COMMON_NAMESPACE, moodBand } from '../../../src/index.ts';
import { barWidth } from './width.ts';

/**
 * A meter of the conversation, 0–100: its name, a bar, and a word with the number, so colour is
 * never the only signal. The customer's mood runs calm to furious (the bar's colour follows the
 * band, teal to red); the hot seat's composure steady to rattled.
 */
export function meter(t: TFunction, kind: 'mood' | 'composure', value: number) {
  const band = kind === 'mood' ? moodBand(value) : composureBand(value);
  const word = t(`${kind}.${band}`, { ns: COMMON_NAMESPACE });
  const id = `meter-${kind}`;
  return html`<div class="meter" data-meter=${kind} data-band=${band}>
    <span class="meter-label" id=${id}>${t(`shared.meters.${kind}`)}</span>
    <span class="meter-bar" role="meter" aria-labelledby=${id} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${value} aria-valuetext=${t('shared.meters.value', { word, value })}>
      <span class="meter-fill" ${barWidth(value)}></span>
    </span>
    <span class="meter-word" aria-hidden="true">${word} · ${value}</span>
  </div>`;
}
