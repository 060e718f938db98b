import { html, nothing } from 'lit';
import type { StaffMember } from './api.ts';
import { feedbackRegions, said, StaffElement, type Feedback } from './element.ts';
import { failure, type FailureContext } from './messages.ts';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, usernameProblem } from './rules.ts';


export type CredentialsMode = 'setup' | 'signIn' | 'reset';

interface ModeConfig {
  /** Prefix of the screen's text in staff.json. */
  keys: string;
  askUsername: boolean;
  /** A new password is typed twice and follows the length rule; a current one is just sent. */
  newPassword: boolean;
  failure: FailureContext;
}

const MODES: Record<CredentialsMode, ModeConfig> = {
  setup: { keys: 'setup', askUsername: true, newPassword: true, failure: 'setupLink' },
  signIn: { keys: 'signIn', askUsername: true, newPassword: false, failure: 'signIn' },
  reset: { keys: 'reset', askUsername: false, newPassword: true, failure: 'resetLink' },
};

export type CredentialsSubmit = (username: string, password: string) => Promise<StaffMember>;

/**
 * Creating the first admin, signing in, and setting a password from a link: one form, three
 * configurations. On success it fires `signed-in` with the staff member.
 */
export class StaffCredentials extends StaffElement {
  static override properties = {
    ...StaffElement.properties,
    mode: { attribute: false },
    submit: { attribute: false },
    feedback: { state: true },
    busy: { state: true },
  };
  declare mode: CredentialsMode;
  declare submit: CredentialsSubmit;
  declare feedback: Feedback | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  /** The first field that is wrong, and what to say about it. */
  private problemWith(form: HTMLFormElement): { field: string; feedback: Feedback } | undefined {
    const { askUsername, newPassword } = MODES[this.mode];
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const problem = (field: string, key: string, options?: Record<string, unknown>) => ({ field, feedback: said('error', key, options) });
    const username = value('username').trim();
    // A new admin's name must follow the rules; a sign-in just needs one.
    const usernameKey = !askUsername ? undefined : newPassword ? usernameProblem(username) : username === '' ? 'validation.usernameMissing' : undefined;
    if (usernameKey) return problem('username', usernameKey);
    const password = value('password');
    if (password === '') return problem('password', 'validation.passwordMissing');
    if (password.length > PASSWORD_MAX) return problem('password', 'validation.passwordLong', { count: PASSWORD_MAX });
    if (!newPassword) return undefined;
    if (password.length < PASSWORD_MIN) return problem('password', 'validation.passwordShort', { count: PASSWORD_MIN });
    if (value('repeat') !== password) return problem('repeat', 'validation.passwordsDiffer');
    return undefined;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    const problem = this.problemWith(form);
    if (problem) {
      const input = form.elements.namedItem(problem.field) as HTMLInputElement;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      this.feedback = problem.feedback;
      return;
    }
    const data = new FormData(form);
    this.busy = true;
    this.feedback = undefined;
    try {
      const member = await this.submit(String(data.get('username') ?? '').trim(), String(data.get('password')));
      this.emit('signed-in', member);
    } catch (error) {
      this.feedback = failure(error, MODES[this.mode].failure);
      // The password is typed again after a failure; the username stays.
      for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
      (form.elements.namedItem('password') as HTMLInputElement).focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { keys, askUsername, newPassword } = MODES[this.mode];
    const t = this.t;
    return html`<form class="panel narrow" novalidate aria-labelledby="credentials-heading" @submit=${this.onSubmit}>
      <h1 id="credentials-heading">${t(`${keys}.heading`)}</h1>
      <p>${t(`${keys}.intro`)}</p>
      ${askUsername
        ? html`<label for="username">${t('fields.username')}</label>
            <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength=${USERNAME_MAX} required />`
        : nothing}
      <label for="password">${t(newPassword ? 'fields.newPassword' : 'fields.password')}</label>
      <!-- No maxlength: a pasted password that is too long is named, not silently cut. -->
      <input id="password" name="password" type="password" autocomplete=${newPassword ? 'new-password' : 'current-password'} required aria-describedby=${newPassword ? 'password-hint' : nothing} />
      ${newPassword
        ? html`<p class="hint" id="password-hint">${t('fields.passwordHint', { count: PASSWORD_MIN })}</p>
            <label for="repeat">${t('fields.repeatPassword')}</label>
            <input id="repeat" name="repeat" type="password" autocomplete="new-password" required />`
        : nothing}
      ${feedbackRegions(this.feedback, this.t)}
      <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${t(`${keys}.submit`)}</button>
    </form>`;
  }
}

customElements.define('staff-credentials', StaffCredentials);
