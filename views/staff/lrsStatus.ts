import { html, nothing } from 'lit';
import type { LrsStatus } from '../../src/index.ts';
import { call } from './api.ts';
import { StaffElement } from './element.ts';

/** Admin only, on the settings screen: how delivery of xAPI statements to the LRS stands (GET /api/staff/lrs-status). */
export class StaffLrsStatus extends StaffElement {
  static override properties = { ...StaffElement.properties, status: { state: true }, unavailable: { state: true } };
  declare status: LrsStatus | undefined;
  declare unavailable: boolean;

  constructor() {
    super();
    this.unavailable = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.status = await call<LrsStatus>('GET', '/staff/lrs-status');
      this.unavailable = false;
    } catch (error) {
      this.unavailable = true;
      this.emit('api-failure', error);
    }
  }

  private details(status: LrsStatus) {
    const t = this.t;
    const rows: [string, string][] = [
      [t('settings.lrs.pending'), String(status.pending)],
      [t('settings.lrs.delivered'), String(status.delivered)],
      [t('settings.lrs.rejected'), String(status.rejected)],
      ...(status.oldestPendingAt === null ? [] : [[t('settings.lrs.oldestPending'), this.formatDate(status.oldestPendingAt)] as [string, string]]),
      ...(status.lastError === null ? [] : [[t('settings.lrs.lastError'), status.lastError] as [string, string]]),
    ];
    return html`${status.halted
        ? html`<div class="message error lrs-halted" role="alert">
            <p>${t('settings.lrs.halted', { status: status.halted.status, when: this.formatDate(status.halted.at) })}</p>
            ${status.halted.detail ? html`<p class="lrs-detail">${t('settings.lrs.lrsSaid', { detail: status.halted.detail })}</p>` : nothing}
          </div>`
        : nothing}
      <p class="lrs-endpoint">${t('settings.lrs.endpoint', { endpoint: status.endpoint })}</p>
      <dl class="lrs-counts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
  }

  override render() {
    const t = this.t;
    const body = this.status ? (this.status.configured ? this.details(this.status) : html`<p>${t('settings.lrs.off')}</p>`) : html`<p>${t(this.unavailable ? 'settings.lrs.unavailable' : 'loading')}</p>`;
    return html`<section class="panel" aria-labelledby="lrs-heading">
      <h2 id="lrs-heading">${t('settings.lrs.heading')}</h2>
      ${body}
      <button type="button" @click=${() => this.load()}>${t('settings.lrs.refresh')}</button>
    </section>`;
  }
}

customElements.define('staff-lrs-status', StaffLrsStatus);
