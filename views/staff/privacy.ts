import { html } from 'lit';
import { api } from './api.ts';
import { feedbackRegions, StaffElement, type Feedback } from './element.ts';
import { failure } from './messages.ts';

/** Sections of the notice, in order; each has a heading and paragraphs in staff.json under privacy.<section>. */
const SECTIONS = ['trainees', 'staff', 'access', 'deletion'] as const;

/** What the team server keeps and for how long: readable by anyone, signed in or not. */
export class StaffPrivacy extends StaffElement {
  static override properties = { ...StaffElement.properties, retentionDays: { state: true }, lrs: { state: true }, feedback: { state: true } };
  /** undefined until the server answers; null means kept until deleted. */
  declare retentionDays: number | null | undefined;
  /** Whether results go on to the department's LRS; undefined until the server answers. */
  declare lrs: { names: boolean } | null | undefined;
  declare feedback: Feedback | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    api.privacy().then(
      ({ retentionDays, lrs }) => {
        this.retentionDays = retentionDays;
        this.lrs = lrs;
      },
      (error: unknown) => (this.feedback = failure(error, 'other')),
    );
  }

  private retention() {
    const t = this.t;
    if (this.retentionDays === undefined) return this.feedback ? feedbackRegions(this.feedback, this.t) : html`<p>${t('loading')}</p>`;
    return html`<p>${this.retentionDays === null ? t('privacy.retention.forever') : t('privacy.retention.days', { count: this.retentionDays })}</p>`;
  }

  private sharing() {
    const t = this.t;
    if (this.lrs === undefined) return this.feedback ? null : html`<p>${t('loading')}</p>`;
    return html`<p>${t(this.lrs === null ? 'privacy.sharing.none' : this.lrs.names ? 'privacy.sharing.lrsNamed' : 'privacy.sharing.lrs')}</p>`;
  }

  override render() {
    const t = this.t;
    return html`<article class="panel notice-text">
      <h1>${t('privacy.heading')}</h1>
      <p>${t('privacy.intro')}</p>
      ${SECTIONS.map(
        (section) => html`<h2>${t(`privacy.${section}.heading`)}</h2>
          ${(t(`privacy.${section}.paragraphs`, { returnObjects: true }) as string[]).map((paragraph) => html`<p>${paragraph}</p>`)}`,
      )}
      <h2>${t('privacy.sharing.heading')}</h2>
      ${this.sharing()}
      <h2>${t('privacy.retention.heading')}</h2>
      ${this.retention()}
    </article>`;
  }
}

customElements.define('staff-privacy', StaffPrivacy);
