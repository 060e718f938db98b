import { html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { LANGUAGES, type Language } from '../../src/index.ts';
import './accounts.ts';
import { api, ApiFailure, signedInStaff, type StaffMember } from './api.ts';
import './cohorts.ts';
import './credentials.ts';
import type { CredentialsMode } from './credentials.ts';
import { feedbackRegions, said, type Feedback } from './element.ts';
import { preferredLanguage, rememberLanguage } from '../parts/language.ts';
import { textIn, type Text } from './i18n.ts';
import { failure } from './messages.ts';
import './privacy.ts';
import { clearFragment, nextAddress, parseHash, type Section } from './route.ts';
import './settings.ts';

/** The sections each role has; the first is where a sign-in lands. */
const SECTIONS_OF: Record<StaffMember['role'], readonly Section[]> = {
  admin: ['cohorts', 'accounts', 'settings', 'privacy'],
  manager: ['cohorts', 'privacy'],
  trainer: ['privacy'],
};

type Screen = { kind: 'starting' } | { kind: 'unreachable' } | { kind: 'credentials'; mode: CredentialsMode; token: string } | { kind: 'section'; section: Section };

/**
 * The staff page: finds out who is signed in (or takes a one-time link from the address bar),
 * then shows the credentials form or the sections the staff member's role allows.
 */
export class StaffApp extends LitElement {
  static override properties = { text: { state: true }, me: { state: true }, screen: { state: true }, notice: { state: true }, setupNeeded: { state: true } };
  declare text: Text;
  declare me: StaffMember | null;
  declare screen: Screen;
  /** A page-wide message: signed out, session ended, the server unreachable. */
  declare notice: Feedback | undefined;
  declare setupNeeded: boolean;

  constructor() {
    super();
    this.text = textIn(preferredLanguage(new URLSearchParams(location.search).get('lang')));
    this.me = null;
    this.screen = { kind: 'starting' };
    this.setupNeeded = false;
    this.addEventListener('signed-in', (event) => this.signedIn((event as CustomEvent<StaffMember>).detail));
    this.addEventListener('api-failure', (event) => this.apiFailed((event as CustomEvent<unknown>).detail));
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.followHash);
    this.applyLanguage();
    void this.start();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.followHash);
    super.disconnectedCallback();
  }

  private staffOnLoad = signedInStaff();

  private async start(): Promise<void> {
    const known = this.staffOnLoad;
    this.staffOnLoad = undefined;
    this.notice = undefined;
    const route = parseHash(location.hash);
    if (route.kind === 'setup' || route.kind === 'reset') clearFragment();
    if (route.kind === 'reset') {
      // Whoever is signed in here, the link is for setting a password: no need to ask who.
      this.screen = { kind: 'credentials', mode: 'reset', token: route.token };
      return;
    }
    try {
      this.setupNeeded = await api.setupNeeded();
      if (route.kind === 'setup' && this.setupNeeded) {
        this.screen = { kind: 'credentials', mode: 'setup', token: route.token };
        return;
      }
      // With no admin yet nobody can be signed in, so there is nobody to ask about.
      // The page's data says who was signed in when it loaded (null: nobody), so the first start need not ask;
      // a later one (a link pasted into the open page) or a copy the service worker kept asks the server.
      this.me = this.setupNeeded ? null : known === undefined ? await api.me() : known;
      if (route.kind === 'setup') this.notice = said('error', 'errors.setupDone');
      const next = nextAddress(location.search);
      if (this.me && next) return location.replace(next);
      if (this.me) this.screen = { kind: 'section', section: this.allowed(route.kind === 'section' ? route.section : undefined) };
      else this.screen = route.kind === 'section' && route.section === 'privacy' ? { kind: 'section', section: 'privacy' } : this.signInScreen();
    } catch (error) {
      this.notice = failure(error, 'other');
      this.screen = { kind: 'unreachable' };
    }
  }

  private signInScreen(): Screen {
    return { kind: 'credentials', mode: 'signIn', token: '' };
  }

  /** The asked-for section if this role has it, else the role's first. */
  private allowed(section: Section | undefined): Section {
    const sections = this.me ? SECTIONS_OF[this.me.role] : (['privacy'] as const);
    return section && sections.includes(section) ? section : (sections[0] ?? 'privacy');
  }

  private readonly followHash = (): void => {
    const route = parseHash(location.hash);
    if (route.kind === 'setup' || route.kind === 'reset') {
      void this.start(); // a link pasted into an open page
    } else if (route.kind === 'section' && (this.me || route.section === 'privacy')) {
      this.show({ kind: 'section', section: this.allowed(route.section) });
    } else if (route.kind === 'none' && !this.me && this.screen.kind === 'section') {
      this.show(this.signInScreen());
    }
  };

  /** Changes screen (with a message, or none) and puts focus on its heading, so a screen reader says where the user now is. */
  private async show(screen: Screen, notice?: Feedback): Promise<void> {
    this.screen = screen;
    this.notice = notice;
    await this.updateComplete;
    const heading = this.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }

  private signedIn(member: StaffMember): void {
    // Sent here by the results page: back to it, now signed in.
    const next = nextAddress(location.search);
    if (next) return location.assign(next);
    this.me = member;
    this.setupNeeded = false;
    clearFragment();
    void this.show({ kind: 'section', section: this.allowed(undefined) }, said('success', 'signedIn', { username: member.username }));
  }

  private apiFailed(error: unknown): void {
    if (!(error instanceof ApiFailure) || error.kind !== 'unauthorized') return;
    // The session ended elsewhere (signed out, disabled, expired): back to sign-in, saying why.
    this.me = null;
    void this.show(this.signInScreen(), said('error', 'errors.sessionEnded'));
  }

  private async signOut(): Promise<void> {
    try {
      await api.signOut();
      this.me = null;
      clearFragment();
      void this.show(this.signInScreen(), said('success', 'signedOut'));
    } catch (error) {
      this.notice = failure(error, 'other');
    }
  }

  private setLanguage(language: Language): void {
    this.text = textIn(language);
    rememberLanguage(language);
    this.applyLanguage(); // messages on screen are reworded too: they are kept as keys (said, failure)
  }

  private applyLanguage(): void {
    document.documentElement.lang = this.text.language;
    document.title = this.text.t('title');
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.querySelector<HTMLElement>('main')?.focus();
  }

  private credentialsSubmit(mode: CredentialsMode, token: string) {
    if (mode === 'setup') return (username: string, password: string) => api.setup(token, username, password);
    if (mode === 'reset') return (_username: string, password: string) => api.setPassword(token, password);
    return (username: string, password: string) => api.signIn(username, password);
  }

  private header() {
    const t = this.text.t;
    const me = this.me;
    const current = this.screen.kind === 'section' ? this.screen.section : undefined;
    const sections = me ? SECTIONS_OF[me.role] : (['privacy'] as const);
    return html`<header class="top">
      <a class="skip" href="#main" @click=${this.skipToMain}>${t('skipToContent')}</a>
      <div class="brand">${t('brand')} <span>${t('staffArea')}</span></div>
      <div class="toggle-group" role="group" aria-label=${t('language')}>
        ${LANGUAGES.map((language) => html`<button type="button" lang=${language} aria-pressed=${this.text.language === language ? 'true' : 'false'} @click=${() => this.setLanguage(language)}>${language.toUpperCase()}</button>`)}
      </div>
      ${me && me.role !== 'trainer' ? html`<a class="button" href="./dashboard.html" data-testid="results-link">${t('nav.results')}</a>` : nothing}
      ${me && me.role !== 'manager' ? html`<a class="button" href="./live.html?view=setup" data-testid="live-link">${t('nav.live')}</a>` : nothing}
      <nav aria-label=${t('nav.label')}>
        <ul>
          ${sections.map((section) => html`<li><a href="#${section}" aria-current=${current === section ? 'page' : nothing}>${t(`nav.${section}`)}</a></li>`)}
          ${me ? nothing : current ? html`<li><a href="#">${t('nav.signIn')}</a></li>` : nothing}
        </ul>
        ${me
          ? html`<p class="who">${t('nav.who', { username: me.username, role: t(`roles.${me.role}`) })}</p>
              <button type="button" @click=${this.signOut}>${t('nav.signOut')}</button>`
          : nothing}
      </nav>
    </header>`;
  }

  private content() {
    const screen = this.screen;
    const text = this.text;
    const t = text.t;
    switch (screen.kind) {
      case 'starting':
        return html`<p>${t('loading')}</p>`;
      case 'unreachable':
        return html`<h1>${t('unreachable.heading')}</h1>
          <button type="button" class="primary" @click=${() => this.start()}>${t('unreachable.retry')}</button>`;
      case 'credentials':
        return html`${keyed(`${screen.mode}:${screen.token}`, html`<staff-credentials .text=${text} .mode=${screen.mode} .submit=${this.credentialsSubmit(screen.mode, screen.token)}></staff-credentials>`)}
          ${screen.mode === 'signIn' && this.setupNeeded ? html`<p class="panel narrow hint">${t('signIn.setupNeeded')}</p>` : nothing}`;
      case 'section':
        switch (screen.section) {
          case 'cohorts':
            return html`<staff-cohorts .text=${text} .seesAll=${this.me?.role === 'admin'}></staff-cohorts>`;
          case 'accounts':
            return html`<staff-accounts .text=${text} .me=${this.me}></staff-accounts>`;
          case 'settings':
            return html`<staff-settings .text=${text}></staff-settings>`;
          case 'privacy':
            return html`<staff-privacy .text=${text}></staff-privacy>`;
        }
    }
  }

  override render() {
    return html`${this.header()}
      <main id="main" tabindex="-1">
        <div class="page-notice">${feedbackRegions(this.notice, this.text.t)}</div>
        ${this.content()}
      </main>`;
  }
}

customElements.define('staff-app', StaffApp);
