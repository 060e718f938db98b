import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../parts/format.ts';
import type { Text } from './i18n.ts';

/**
 * Base of the page's components: rendered into the light DOM, so one stylesheet, native label/for
 * pairs and the browser's form handling work across them; `text` is handed down by <staff-app>.
 */
export class StaffElement extends LitElement {
  static override properties = { text: { attribute: false } };
  declare text: Text;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected get t(): TFunction {
    return this.text.t;
  }

  protected formatDate(at: number): string {
    return formatDateTime(at, this.text.language);
  }

  /** Tells <staff-app> something it handles for every screen (e.g. a session that has ended). */
  protected emit<T>(type: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** A message, worded when shown: switching language rewords what is on screen. */
export interface Feedback {
  tone: 'error' | 'success';
  say: (t: TFunction) => string;
}

export const said = (tone: Feedback['tone'], key: string, options?: Record<string, unknown>): Feedback => ({ tone, say: (t) => t(key, options) });

/**
 * A form's or a list's message. Both regions are always in the DOM, so screen readers announce a
 * change: errors assertively, confirmations politely.
 */
export function feedbackRegions(feedback: Feedback | undefined, t: TFunction): TemplateResult {
  return html`<p class="message error" role="alert">${feedback?.tone === 'error' ? feedback.say(t) : nothing}</p>
    <p class="message success" role="status">${feedback?.tone === 'success' ? feedback.say(t) : nothing}</p>`;
}
