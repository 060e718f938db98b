import { html, nothing, type PropertyValues } from 'lit';
import QRCode from 'qrcode';
import { LiveElement } from './element.ts';

/** The address a phone opens to join a room (what the QR code holds): this server's live page with the code. */
export const joinUrlFor = (code: string, origin = location.origin): string => `${origin}/live.html?code=${encodeURIComponent(code)}`;

/**
 * How to get into the room: the code in large letters, the join link, and a QR code of it (an SVG
 * drawn here by the qrcode library, shown as an image); with `names`, who has joined so far.
 */
export class LiveLobby extends LiveElement {
  static override properties = { ...LiveElement.properties, code: {}, names: { attribute: false }, qr: { state: true } };
  declare code: string;
  declare names: readonly string[] | null;
  declare qr: string | null;

  constructor() {
    super();
    this.names = null;
    this.qr = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('code')) return;
    const url = joinUrlFor(this.code);
    this.qr = null;
    void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (joinUrlFor(this.code) === url) this.qr = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    });
  }

  protected override render() {
    const { t } = this.text;
    const url = joinUrlFor(this.code);
    const names = this.names;
    return html`<section class="lobby" aria-labelledby="lobby-title">
      <div class="lobby-join">
        <h2 id="lobby-title">${t('shared.lobby.title')}</h2>
        <p class="lobby-step">${t('shared.lobby.open')} <a class="join-url" href=${url}>${url.replace(/^https?:\/\//, '')}</a></p>
        <p class="lobby-step">${t('shared.lobby.code')} <span class="room-code" data-testid="room-code">${this.code}</span></p>
      </div>
      <figure class="lobby-qr">
        ${this.qr ? html`<img class="qr" src=${this.qr} alt=${t('shared.lobby.qr', { url })} width="320" height="320" />` : html`<div class="qr qr-pending"></div>`}
      </figure>
      ${names === null
        ? nothing
        : html`<div class="lobby-names">
            <h3 aria-live="polite">${t('shared.lobby.joined', { count: names.length })}</h3>
            <ul class="names">
              ${names.map((name) => html`<li>${name}</li>`)}
            </ul>
          </div>`}
    </section>`;
  }
}

customElements.define('live-lobby', LiveLobby);

declare global {
  interface HTMLElementTagNameMap {
    'live-lobby': LiveLobby;
  }
}
