import './team.css';
import type { App } from '../app.ts';
import { el } from '../ui/dom.ts';
import type { AccountProblem, AccountResult } from '../../client/sync/account.ts';
import type { TeamTrainee } from '../../client/sync/teamServer.ts';

/** What the join link's code opens, once asked. */
type Cohort = { state: 'checking' } | { state: 'found'; name: string } | { state: 'problem'; problem: AccountProblem };

interface Message {
  key: string;
  /** An error is announced at once (role=alert); anything else politely. */
  error: boolean;
}

/**
 * The menu's link to the team server (only where one serves the page): joining a cohort from a
 * join link, with the privacy notice; who is signed in; a code to continue on another device, and
 * using one; deleting one's data. Holds what the trainee typed across the menu's re-renders (a
 * language switch, a failed request), so nothing typed is lost.
 */
export class TeamPanel {
  private cohort: Cohort | undefined;
  private name: string;
  private code = '';
  private codeOpen = false;
  private continueCode: { code: string; expiresAt: number } | undefined;
  private confirmingDelete = false;
  private busy = false;
  private message: Message | undefined;

  constructor(
    private readonly app: App,
    /** The code from a join link (`?join=`), if the page was opened from one. */
    private readonly joinCode: string | undefined,
    /** Redraws the menu, focusing the control that matches the selector. */
    private readonly rerender: (focus?: string) => void,
  ) {
    this.name = app.preferences.current.traineeName;
    if (app.team && !app.team.trainee && joinCode) void this.lookUpCohort(joinCode);
  }

  /** Whether the menu's own name field stands aside: the panel asks for the name, or the server's name is the name. */
  get ownsName(): boolean {
    return this.app.team !== undefined && (this.app.team.trainee !== null || this.joinCode !== undefined);
  }

  element(): HTMLElement | null {
    const { team, t } = this.app;
    if (!team) return null;
    const body = team.trainee ? this.signedIn(team.trainee) : this.joinCode ? this.joining() : this.notJoined();
    return el('section', { class: 'team panel', testid: 'team', attrs: { 'aria-labelledby': 'team-heading' } }, [
      el('h2', { text: t('team.heading'), attrs: { id: 'team-heading' } }),
      ...body,
      this.message ? el('p', { class: this.message.error ? 'team-message error' : 'team-message', text: t(this.message.key), attrs: { role: this.message.error ? 'alert' : 'status' } }) : null,
    ]);
  }

  private joining(): HTMLElement[] {
    const { t } = this.app;
    const { cohort } = this;
    const status =
      cohort?.state === 'found' ? t('team.joining', { cohort: cohort.name }) : cohort?.state === 'problem' ? t(`team.problem.${cohort.problem}`) : t('team.checking');
    const found = cohort?.state === 'found';
    return [
      el('p', { class: found ? 'team-cohort' : 'team-message error', text: status, attrs: { role: cohort?.state === 'problem' ? 'alert' : 'status' } }),
      cohort?.state === 'problem' && cohort.problem !== 'unknownCode'
        ? el('button', { text: t('team.retry'), attrs: { 'data-team': 'retry' }, on: { click: () => this.joinCode && void this.lookUpCohort(this.joinCode) } })
        : null,
      found ? this.privacyNotice() : null,
      found
        ? el('form', { class: 'team-form', on: { submit: (event) => (event.preventDefault(), void this.join()) } }, [
            el('label', { class: 'field' }, [
              t('team.name'),
              el('input', {
                attrs: { id: 'team-name', type: 'text', maxlength: 60, autocomplete: 'name', required: true, value: this.name },
                on: { input: (event) => (this.name = (event.target as HTMLInputElement).value) },
              }),
            ]),
            el('button', { class: 'primary', text: t('team.join'), attrs: { type: 'submit', 'data-team': 'join', 'aria-disabled': this.busy } }),
          ])
        : null,
    ].filter((part): part is HTMLElement => part !== null);
  }

  private privacyNotice(): HTMLElement {
    const { t, team } = this.app;
    const days = team?.retentionDays ?? null;
    return el('div', { class: 'privacy', testid: 'privacy' }, [
      el('h3', { text: t('team.privacyHeading') }),
      el('p', { text: t('team.privacyWhat') }),
      el('p', { text: t('team.privacyWho') }),
      team?.lrs ? el('p', { text: t(team.lrs.names ? 'team.privacyLrsNamed' : 'team.privacyLrs') }) : null,
      el('p', { text: days === null ? t('team.privacyKeptUntilDeleted') : t('team.privacyKept', { count: days }) }),
      el('p', { text: t('team.privacyDelete') }),
    ]);
  }

  private notJoined(): HTMLElement[] {
    const { t } = this.app;
    const parts: HTMLElement[] = [el('p', { text: t('team.localOnly') })];
    if (!this.codeOpen) {
      parts.push(el('button', { text: t('team.haveCode'), attrs: { 'data-team': 'have-code' }, on: { click: () => ((this.codeOpen = true), this.rerender('#continue-code')) } }));
      return parts;
    }
    parts.push(
      el('form', { class: 'team-form', on: { submit: (event) => (event.preventDefault(), void this.continueHere()) } }, [
        el('label', { class: 'field' }, [
          t('team.codeLabel'),
          el('input', {
            attrs: { id: 'continue-code', type: 'text', maxlength: 20, autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false', required: true, value: this.code },
            on: { input: (event) => (this.code = (event.target as HTMLInputElement).value) },
          }),
        ]),
        el('button', { class: 'primary', text: t('team.continue'), attrs: { type: 'submit', 'data-team': 'continue', 'aria-disabled': this.busy } }),
      ]),
    );
    return parts;
  }

  private signedIn(trainee: TeamTrainee): HTMLElement[] {
    const { t, i18n } = this.app;
    const parts: HTMLElement[] = [el('p', { class: 'team-who', testid: 'signed-in', text: t('team.signedIn', { name: trainee.name, cohort: trainee.cohort.name }) })];
    if (this.continueCode) {
      const until = new Date(this.continueCode.expiresAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
      parts.push(
        el('div', { class: 'continue-code', attrs: { role: 'status' } }, [
          el('p', { text: t('team.continueHow') }),
          el('p', { class: 'code', testid: 'continue-code', text: this.continueCode.code }),
          el('p', { text: t('team.codeExpires', { time: until }) }),
        ]),
      );
    }
    if (this.confirmingDelete) {
      parts.push(
        el('div', { class: 'confirm-delete', attrs: { role: 'alertdialog', 'aria-labelledby': 'delete-question', 'aria-describedby': 'delete-details' } }, [
          el('p', { class: 'question', text: t('team.deleteQuestion'), attrs: { id: 'delete-question' } }),
          el('p', { text: t('team.deleteDetails'), attrs: { id: 'delete-details' } }),
          el('div', { class: 'team-actions' }, [
            el('button', { class: 'danger', text: t('team.deleteYes'), attrs: { 'data-team': 'delete-yes', 'aria-disabled': this.busy }, on: { click: () => void this.deleteData() } }),
            el('button', { text: t('team.cancel'), attrs: { 'data-team': 'delete-no' }, on: { click: () => ((this.confirmingDelete = false), this.rerender('[data-team="delete"]')) } }),
          ]),
        ]),
      );
      return parts;
    }
    parts.push(
      el('div', { class: 'team-actions' }, [
        el('button', { text: t('team.continueElsewhere'), attrs: { 'data-team': 'continue-elsewhere', 'aria-disabled': this.busy }, on: { click: () => void this.makeContinueCode() } }),
        el('button', { text: t('team.delete'), attrs: { 'data-team': 'delete' }, on: { click: () => ((this.confirmingDelete = true), (this.message = undefined), this.rerender('[data-team="delete-no"]')) } }),
      ]),
    );
    return parts;
  }

  private async lookUpCohort(code: string): Promise<void> {
    this.cohort = { state: 'checking' };
    this.rerender();
    const { cohortOfJoinCode } = await import('../../client/sync/account.ts');
    const result = await cohortOfJoinCode(code);
    this.cohort = result.ok ? { state: 'found', name: result.value } : { state: 'problem', problem: result.problem };
    this.rerender();
  }

  /** Runs one request at a time; a problem becomes the panel's message, focused where the trainee can act on it. */
  private async request<T>(work: (account: typeof import('../../client/sync/account.ts')) => Promise<AccountResult<T>>, focus: string): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.message = undefined;
    const result = await work(await import('../../client/sync/account.ts'));
    this.busy = false;
    if (!result.ok) {
      this.message = { key: `team.problem.${result.problem}`, error: true };
      this.rerender(focus);
      return undefined;
    }
    return result.value;
  }

  private async join(): Promise<void> {
    const name = this.name.trim();
    if (!name || !this.joinCode) {
      this.message = { key: 'team.nameNeeded', error: true };
      this.rerender('#team-name');
      return;
    }
    const joinCode = this.joinCode;
    const trainee = await this.request((account) => account.join(name, joinCode), '#team-name');
    if (trainee) this.signIn(trainee, 'team.joined');
  }

  private async continueHere(): Promise<void> {
    const code = this.code.trim();
    if (!code) {
      this.message = { key: 'team.codeNeeded', error: true };
      this.rerender('#continue-code');
      return;
    }
    const trainee = await this.request((account) => account.continueWith(code), '#continue-code');
    if (trainee) this.signIn(trainee, 'team.continued');
  }

  private signIn(trainee: TeamTrainee, said: string): void {
    this.code = '';
    this.codeOpen = false;
    this.message = { key: said, error: false };
    // A reload must not offer to join again.
    const url = new URL(window.location.href);
    if (url.searchParams.has('join')) {
      url.searchParams.delete('join');
      history.replaceState(history.state, '', url);
    }
    // The menu then shows the trainee's own unfinished conversations too.
    this.app.setTeamTrainee(trainee);
    this.rerender('[data-team="continue-elsewhere"]');
  }

  private async makeContinueCode(): Promise<void> {
    const made = await this.request((account) => account.newContinueCode(), '[data-team="continue-elsewhere"]');
    if (!made) return;
    this.continueCode = made;
    this.rerender('[data-team="continue-elsewhere"]');
  }

  private async deleteData(): Promise<void> {
    const deleted = await this.request((account) => account.deleteAccount(), '[data-team="delete-yes"]');
    if (deleted === undefined) return;
    this.confirmingDelete = false;
    this.continueCode = undefined;
    this.message = { key: 'team.deleted', error: false };
    this.app.setTeamTrainee(null);
    this.rerender('[data-team="have-code"]');
  }
}
