import { html, nothing } from 'lit';
import { LiveElement } from '../parts/element.ts';

/** Longer names are cut: they must fit on the projector's list of who has joined. */
export const MAX_NAME = 40;

/**
 * How a phone joins: a name and a button, or (when the team server knows this browser's trainee,
 * in a cohort room) one tap to join as them, with the name form still there for a shared device.
 * Emits `join` with the name.
 */
export class LiveJoin extends LiveElement {
  static override properties = { ...LiveElement.properties, knownName: { attribute: false }, disabled: { type: Boolean } };
  declare knownName: string | null;
  declare disabled: boolean;

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#join-name');
    const name = input?.value.trim() ?? '';
    if (!input || name === '') {
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    this.emitJoin(name);
  }

  private emitJoin(name: string): void {
    this.dispatchEvent(new CustomEvent('join', { detail: name.slice(0, MAX_NAME) }));
  }

  protected override render() {
    const { t } = this.text;
    return html`<section class="join" aria-labelledby="join-title">
      <h2 id="join-title">${t('phone.join.title')}</h2>
      ${this.knownName
        ? html`<button type="button" class="primary join-as" ?disabled=${this.disabled} @click=${() => this.knownName && this.emitJoin(this.knownName)}>${t('phone.join.as', { name: this.knownName })}</button>
            <p class="meta">${t('phone.join.other')}</p>`
        : nothing}
      <form class="join-form" @submit=${this.submit} novalidate>
        <label for="join-name">${t('phone.join.name')}</label>
        <input id="join-name" name="name" autocomplete="nickname" maxlength=${MAX_NAME} required aria-describedby="join-hint" />
        <p class="meta" id="join-hint">${t('phone.join.hint')}</p>
        <button type="submit" class=${this.knownName ? '' : 'primary'} ?disabled=${this.disabled}>${t('phone.join.submit')}</button>
      </form>
    </section>`;
  }
}

customElements.define('live-join', LiveJoin);

declare global {
  interface HTMLElementTagNameMap {
    'live-join': LiveJoin;
  }
}
