import { html, nothing } from 'lit';
import { api, type Cohort } from './api.ts';
import './copyField.ts';
import { feedbackRegions, said, StaffElement, type Feedback } from './element.ts';
import { failure } from './messages.ts';
import './trainees.ts';

const NAME_MAX = 100;

/** The cohorts a manager runs (an admin sees all): create one, hand out its join link and code, open its trainees. */
export class StaffCohorts extends StaffElement {
  static override properties = {
    ...StaffElement.properties,
    seesAll: { attribute: false },
    cohorts: { state: true },
    open: { state: true },
    feedback: { state: true },
    listFeedback: { state: true },
  };
  /** An admin sees every manager's cohorts, a manager their own. */
  declare seesAll: boolean;
  declare cohorts: Cohort[] | undefined;
  /** Ids of the cohorts whose trainees are shown. */
  declare open: ReadonlySet<string>;
  declare feedback: Feedback | undefined;
  declare listFeedback: Feedback | undefined;
  private creating = false;

  constructor() {
    super();
    this.seesAll = false;
    this.open = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.cohorts = await api.cohorts();
    } catch (error) {
      this.listFeedback = failure(error, 'other');
      this.emit('api-failure', error);
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('cohort-name') as HTMLInputElement;
    const name = input.value.trim();
    input.removeAttribute('aria-invalid');
    if (name === '') {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      this.feedback = said('error', 'validation.cohortNameMissing');
      return;
    }
    if (this.creating) return; // a double press makes one cohort, not two
    this.creating = true;
    try {
      const cohort = await api.createCohort(name);
      this.cohorts = [{ ...cohort, traineeCount: 0, createdAt: Date.now() }, ...(this.cohorts ?? [])];
      this.feedback = said('success', 'cohorts.created', { name: cohort.name });
      form.reset();
    } catch (error) {
      this.feedback = failure(error, 'other');
      this.emit('api-failure', error);
    } finally {
      this.creating = false;
    }
  }

  private toggle(id: string): void {
    const open = new Set(this.open);
    if (!open.delete(id)) open.add(id);
    this.open = open;
  }

  private traineeRemoved(cohortId: string): void {
    this.cohorts = this.cohorts?.map((cohort) => (cohort.id === cohortId ? { ...cohort, traineeCount: Math.max(0, cohort.traineeCount - 1) } : cohort));
  }

  private cohortCard(cohort: Cohort) {
    const t = this.t;
    const isOpen = this.open.has(cohort.id);
    const regionId = `cohort-${cohort.id}-trainees`;
    return html`<section class="panel cohort" aria-labelledby="cohort-${cohort.id}">
      <h3 id="cohort-${cohort.id}">${cohort.name}</h3>
      <p class="meta">${t('cohorts.createdOn', { date: this.formatDate(cohort.createdAt) })} · ${t('cohorts.traineeCount', { count: cohort.traineeCount })}</p>
      <div class="handouts">
        <staff-copy-field class="code" .text=${this.text} .label=${t('cohorts.joinCode')} .value=${cohort.joinCode} .copyLabel=${t('cohorts.copyCode')}></staff-copy-field>
        <staff-copy-field class="link" .text=${this.text} .label=${t('cohorts.joinLink')} .value=${cohort.joinLink} .copyLabel=${t('cohorts.copyLink')}></staff-copy-field>
      </div>
      <button type="button" aria-expanded=${isOpen ? 'true' : 'false'} aria-controls=${regionId} @click=${() => this.toggle(cohort.id)}>
        ${t(isOpen ? 'cohorts.hideTrainees' : 'cohorts.showTrainees')}<span class="visually-hidden"> (${cohort.name})</span>
      </button>
      <div id=${regionId}>
        ${isOpen ? html`<staff-trainees .text=${this.text} .cohort=${cohort} @trainee-removed=${() => this.traineeRemoved(cohort.id)}></staff-trainees>` : nothing}
      </div>
    </section>`;
  }

  override render() {
    const t = this.t;
    const cohorts = this.cohorts;
    return html`<h1>${t('cohorts.heading')}</h1>
      <form class="panel inline-form" novalidate @submit=${this.create} aria-labelledby="new-cohort-heading">
        <h2 id="new-cohort-heading">${t('cohorts.createHeading')}</h2>
        <label for="cohort-name">${t('cohorts.name')}</label>
        <div class="input-row">
          <input id="cohort-name" name="cohort-name" maxlength=${NAME_MAX} required autocomplete="off" placeholder=${t('cohorts.namePlaceholder')} />
          <button type="submit" class="primary">${t('cohorts.create')}</button>
        </div>
        ${feedbackRegions(this.feedback, this.t)}
      </form>
      <h2>${t(this.seesAll ? 'cohorts.allHeading' : 'cohorts.listHeading')}</h2>
      ${feedbackRegions(this.listFeedback, this.t)}
      ${cohorts === undefined ? (this.listFeedback ? nothing : html`<p>${t('loading')}</p>`) : cohorts.length === 0 ? html`<p>${t('cohorts.none')}</p>` : cohorts.map((cohort) => this.cohortCard(cohort))}`;
  }
}

customElements.define('staff-cohorts', StaffCohorts);
