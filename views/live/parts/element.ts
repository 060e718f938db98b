import { LitElement } from 'lit';
import type { LiveText } from '../text.ts';

/**
 * Base of the live screens' components: rendered into the light DOM, so live.css and each
 * screen's stylesheet apply and tests find everything by role; `text` is handed down by the screen.
 */
export class LiveElement extends LitElement {
  static override properties = { text: { attribute: false } };
  declare text: LiveText;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
