import { html } from 'lit';
import { api } from './api.ts';
import { feedbackRegions, said, StaffElement, type Feedback } from './element.ts';
import { failure } from './messages.ts';
import './lrsStatus.ts';

/** The server's bounds for a retention period (PUT /api/settings/retention). */
const DAYS_MIN = 30;
const DAYS_MAX = 3650;

/** Admin only: how long trainee records are kept, which the privacy notice then states. */
export class StaffSettings extends StaffElement {
  static override properties = { ...StaffElement.properties, retentionDays: { state: true }, loaded: { state: true }, limited: { state: true }, feedback: { state: true } };
  /** null: kept until deleted. */
  declare retentionDays: number | null;
  declare loaded: boolean;
  /** Whether the "delete after" choice is selected in the form. */
  declare limited: boolean;
  declare feedback: Feedback | undefined;

  constructor() {
    super();
    this.retentionDays = null;
    this.loaded = false;
    this.limited = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.retentionDays = await api.retentionDays();
      this.limited = this.retentionDays !== null;
      this.loaded = true;
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.feedback = failure(error, 'other');
    this.emit('api-failure', error);
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('retention-days') as HTMLInputElement;
    input.removeAttribute('aria-invalid');
    let days: number | null = null;
    if (this.limited) {
      days = Number(input.value);
      if (!/^\d+$/.test(input.value.trim()) || days < DAYS_MIN || days > DAYS_MAX) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        this.feedback = said('error', 'validation.retentionRange', { min: DAYS_MIN, max: DAYS_MAX });
        return;
      }
    }
    try {
      this.retentionDays = await api.setRetentionDays(days);
      this.feedback = this.retentionDays === null ? said('success', 'settings.savedForever') : said('success', 'settings.savedDays', { count: this.retentionDays });
    } catch (error) {
      this.failed(error);
    }
  }

  override render() {
    const t = this.t;
    if (!this.loaded) return html`<h1>${t('settings.heading')}</h1>${this.feedback ? feedbackRegions(this.feedback, this.t) : html`<p>${t('loading')}</p>`}`;
    return html`<h1>${t('settings.heading')}</h1>
      <form class="panel" novalidate @submit=${this.save}>
        <fieldset>
          <legend>${t('settings.retentionLegend')}</legend>
          <p class="hint">${t('settings.retentionHint')}</p>
          <div class="choice">
            <input type="radio" id="keep-forever" name="retention" .checked=${!this.limited} @change=${() => (this.limited = false)} />
            <label for="keep-forever">${t('settings.keepForever')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="keep-limited" name="retention" .checked=${this.limited} @change=${() => (this.limited = true)} />
            <label for="keep-limited">${t('settings.keepLimited')}</label>
          </div>
          <label for="retention-days">${t('settings.days', { min: DAYS_MIN, max: DAYS_MAX })}</label>
          <input id="retention-days" name="retention-days" type="number" inputmode="numeric" min=${DAYS_MIN} max=${DAYS_MAX} step="1" .value=${String(this.retentionDays ?? 365)} ?disabled=${!this.limited} />
        </fieldset>
        ${feedbackRegions(this.feedback, this.t)}
        <button type="submit" class="primary">${t('settings.save')}</button>
      </form>
      <staff-lrs-status .text=${this.text}></staff-lrs-status>`;
  }
}

customElements.define('staff-settings', StaffSettings);
