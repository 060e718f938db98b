import type { i18n } from 'i18next';
import { html, render, type TemplateResult } from 'lit';
import { LANGUAGES, type Language } from '../../src/index.ts';
import { rememberLanguage } from '../parts/language.ts';
import { ScenarioBook } from '../parts/scenarioBook.ts';
import { wordsOf, type Words } from './text.ts';

/** What both modes of the page share: where it draws, its translator, the scenarios, the language switch. */
export class Shell {
  readonly book: ScenarioBook;
  words: Words;

  constructor(
    readonly root: HTMLElement,
    private readonly translator: i18n,
    private readonly draw: () => void,
  ) {
    this.book = new ScenarioBook(translator);
    this.words = wordsOf(translator);
    document.documentElement.lang = translator.language;
  }

  show(content: TemplateResult, title: string): void {
    document.title = title;
    render(content, this.root);
  }

  languageSwitch() {
    const { say, language } = this.words;
    return html`<div class="toggle-group" role="group" aria-label=${say('language')}>
      ${LANGUAGES.map((lng) => html`<button type="button" lang=${lng} data-language=${lng} aria-pressed=${String(lng === language)} @click=${() => void this.switchLanguage(lng)}>${lng.toUpperCase()}</button>`)}
    </div>`;
  }

  /** The language is the game's preference: chosen here, the game and every page speak it next time. */
  private async switchLanguage(language: Language): Promise<void> {
    await this.translator.changeLanguage(language);
    this.words = wordsOf(this.translator);
    document.documentElement.lang = language;
    rememberLanguage(language);
    this.draw();
    this.root.querySelector<HTMLElement>(`[data-language="${language}"]`)?.focus();
  }

  /** A notice region that is busy while something loads; tests and the benchmark wait for `data-state`. */
  notices(messages: readonly string[], state: 'loading' | 'ready' | 'error') {
    return html`<div class="notices" role="status" aria-busy=${String(state === 'loading')} data-state=${state} data-testid="notices">
      ${messages.map((message) => html`<p class="notice panel">${message}</p>`)}
    </div>`;
  }
}

