import { html, nothing } from 'lit';
import { api, type Role, type StaffAccount, type StaffMember } from './api.ts';
import type { StaffConfirm } from './confirm.ts';
import './confirm.ts';
import './copyField.ts';
import { feedbackRegions, said, StaffElement, type Feedback } from './element.ts';
import { failure } from './messages.ts';
import { USERNAME_MAX, usernameProblem } from './rules.ts';

const ROLES: readonly Role[] = ['manager', 'trainer', 'admin'];

/** A set-password link to hand on, and whose it is. */
interface IssuedLink {
  username: string;
  link: string;
}

/** Admin only: staff accounts, each created with a one-time set-password link; a new link; disabling. */
export class StaffAccounts extends StaffElement {
  static override properties = {
    ...StaffElement.properties,
    me: { attribute: false },
    accounts: { state: true },
    issued: { state: true },
    feedback: { state: true },
    listFeedback: { state: true },
  };
  declare me: StaffMember;
  declare accounts: StaffAccount[] | undefined;
  declare issued: IssuedLink | undefined;
  declare feedback: Feedback | undefined;
  declare listFeedback: Feedback | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private failed(error: unknown, where: 'feedback' | 'listFeedback'): void {
    this[where] = failure(error, 'other');
    this.emit('api-failure', error);
  }

  private async load(): Promise<void> {
    try {
      this.accounts = await api.accounts();
    } catch (error) {
      this.failed(error, 'listFeedback');
    }
  }

  /** Shows a link and moves focus to it, so keyboard users land where the next step is. */
  private async showLink(issued: IssuedLink): Promise<void> {
    this.issued = issued;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#issued-link')?.focus();
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('new-username') as HTMLInputElement;
    const role = (form.elements.namedItem('new-role') as HTMLSelectElement).value as Role;
    const username = input.value.trim();
    input.removeAttribute('aria-invalid');
    const problem = usernameProblem(username);
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      this.feedback = said('error', problem);
      return;
    }
    try {
      const created = await api.createAccount(username, role);
      this.accounts = [...(this.accounts ?? []), { id: created.id, username: created.username, role: created.role, disabled: false }];
      this.feedback = said('success', 'accounts.created', { username: created.username });
      form.reset();
      await this.showLink({ username: created.username, link: created.link });
    } catch (error) {
      this.failed(error, 'feedback');
    }
  }

  private async newLink(account: StaffAccount): Promise<void> {
    try {
      await this.showLink({ username: account.username, link: await api.resetLink(account.id) });
    } catch (error) {
      this.failed(error, 'listFeedback');
    }
  }

  private async disable(account: StaffAccount): Promise<void> {
    const t = this.t;
    const confirm = this.querySelector('staff-confirm') as StaffConfirm;
    const question = { heading: t('accounts.confirmDisableHeading', { username: account.username }), text: t('accounts.confirmDisableText'), confirmLabel: t('accounts.confirmDisable') };
    if (!(await confirm.ask(question))) return;
    try {
      await api.disableAccount(account.id);
      this.accounts = this.accounts?.map((each) => (each.id === account.id ? { ...each, disabled: true } : each));
      if (this.issued?.username === account.username) this.issued = undefined;
      this.listFeedback = said('success', 'accounts.disabledDone', { username: account.username });
    } catch (error) {
      this.failed(error, 'listFeedback');
    }
  }

  private row(account: StaffAccount) {
    const t = this.t;
    const isMe = account.id === this.me.id;
    return html`<tr>
      <th scope="row">${account.username}${isMe ? html` <span class="meta">${t('accounts.you')}</span>` : nothing}</th>
      <td data-label=${t('accounts.role')}>${t(`roles.${account.role}`)}</td>
      <td data-label=${t('accounts.status')}>${t(account.disabled ? 'accounts.disabled' : 'accounts.active')}</td>
      <td>
        ${isMe
          ? nothing
          : html`<div class="row-actions"><button type="button" @click=${() => this.newLink(account)}>${t('accounts.newLink')}<span class="visually-hidden"> (${account.username})</span></button>
              ${account.disabled ? nothing : html`<button type="button" class="danger" @click=${() => this.disable(account)}>${t('accounts.disable')}<span class="visually-hidden"> ${account.username}</span></button>`}</div>`}
      </td>
    </tr>`;
  }

  override render() {
    const t = this.t;
    const issued = this.issued;
    return html`<h1>${t('accounts.heading')}</h1>
      <form class="panel inline-form" novalidate @submit=${this.create} aria-labelledby="new-account-heading">
        <h2 id="new-account-heading">${t('accounts.createHeading')}</h2>
        <div class="input-row">
          <div class="field">
            <label for="new-username">${t('fields.username')}</label>
            <input id="new-username" name="new-username" maxlength=${USERNAME_MAX} autocomplete="off" autocapitalize="none" spellcheck="false" required />
          </div>
          <div class="field">
            <label for="new-role">${t('accounts.role')}</label>
            <select id="new-role" name="new-role">${ROLES.map((role) => html`<option value=${role}>${t(`roles.${role}`)}</option>`)}</select>
          </div>
          <button type="submit" class="primary">${t('accounts.create')}</button>
        </div>
        ${feedbackRegions(this.feedback, this.t)}
      </form>
      ${issued
        ? html`<section class="panel issued" id="issued-link" tabindex="-1" aria-labelledby="issued-heading">
            <h2 id="issued-heading">${t('accounts.linkHeading', { username: issued.username })}</h2>
            <p>${t('accounts.linkIntro', { username: issued.username })}</p>
            <staff-copy-field .text=${this.text} .label=${t('accounts.linkLabel')} .value=${issued.link} .copyLabel=${t('cohorts.copyLink')}></staff-copy-field>
          </section>`
        : nothing}
      <h2 id="accounts-caption">${t('accounts.listHeading')}</h2>
      ${feedbackRegions(this.listFeedback, this.t)}
      ${this.accounts
        ? html`<div class="table-scroll" role="region" aria-labelledby="accounts-caption" tabindex="0">
            <table aria-labelledby="accounts-caption">
              <thead>
                <tr>
                  <th scope="col">${t('fields.username')}</th>
                  <th scope="col">${t('accounts.role')}</th>
                  <th scope="col">${t('accounts.status')}</th>
                  <th scope="col"><span class="visually-hidden">${t('trainees.actions')}</span></th>
                </tr>
              </thead>
              <tbody>${this.accounts.map((account) => this.row(account))}</tbody>
            </table>
          </div>`
        : this.listFeedback
          ? nothing
          : html`<p>${t('loading')}</p>`}
      <staff-confirm .text=${this.text}></staff-confirm>`;
  }
}

customElements.define('staff-accounts', StaffAccounts);
