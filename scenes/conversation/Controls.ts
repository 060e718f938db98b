import type { TFunction } from 'i18next';
import type { Channel } from '../../src/index.ts';
import { el, focusQuietly } from '../ui/dom.ts';
import { icon } from '../ui/icons.ts';

export interface ReplyView {
  id: string;
  text: string;
  locked: boolean;
}

export interface ControlsOptions {
  heading: string;
  channel: Channel;
  onPause: () => void;
  onBreath: () => void;
}

/**
 * The conversation's real DOM: a header, the customer's line in a polite live region, the meters
 * as words, the reply buttons (number keys pick them) and "take a breath". Screen readers and
 * keyboard users get everything the canvas shows.
 */
export class ConversationControls {
  readonly root: HTMLElement;
  readonly stage: HTMLElement;
  private readonly line = el('p', { class: 'sr-only', testid: 'customer-line', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' } });
  private readonly meters = el('p', { class: 'sr-only', testid: 'meters' });
  private readonly timer = el('span', { class: 'timer', testid: 'timer', attrs: { role: 'timer', 'aria-live': 'off' } });
  private readonly replies: HTMLElement;
  private readonly breath: HTMLButtonElement;
  private readonly coach = el('p', { class: 'coach', testid: 'coach', attrs: { 'aria-live': 'polite' } });
  private readonly actions: HTMLElement;

  constructor(
    private readonly t: TFunction,
    options: ControlsOptions,
  ) {
    this.stage = el('div', { class: 'stage' });
    this.replies = el('div', { class: 'replies', testid: 'replies', attrs: { role: 'group', 'aria-label': t('conversation.replies'), tabindex: -1 } });
    this.breath = el('button', { class: 'breath', testid: 'breath', on: { click: options.onBreath } }, [icon('breath'), t('conversation.breathHint')]);
    this.actions = el('div', { class: 'dock-actions' }, [this.breath]);
    this.root = el('main', { class: 'screen conversation' }, [
      el('header', { class: 'conversation-header' }, [
        el('h1', { class: 'who' }, [icon(options.channel), options.heading]),
        this.timer,
        el('button', { testid: 'pause', on: { click: options.onPause } }, [icon('pause'), t('conversation.pause')]),
      ]),
      this.stage,
      this.line,
      this.meters,
      el('section', { class: 'dock', attrs: { 'aria-label': t('conversation.replies') } }, [this.replies, this.coach, this.actions]),
    ]);
  }

  /**
   * Until the canvas is up, the customer's line shows here, so the first reply can be read and
   * chosen at once; null when the canvas draws it. Screen readers hear the live region instead.
   */
  showPreview(text: string | null): void {
    this.stage.replaceChildren(...(text === null ? [] : [el('p', { class: 'stage-preview panel', text, attrs: { 'aria-hidden': 'true' } })]));
  }

  setLine(text: string): void {
    this.line.textContent = text;
  }

  setMeters(text: string): void {
    this.meters.textContent = text;
  }

  /** Replaces the reply buttons; number keys 1–9 map to them in order. */
  showReplies(replies: ReplyView[], onChoose: (id: string) => void): void {
    this.replies.replaceChildren(
      ...replies.map((reply, index) =>
        el(
          'button',
          {
            class: 'reply',
            attrs: { 'data-reply': reply.id, 'aria-disabled': reply.locked, 'aria-describedby': reply.locked ? `lock-${reply.id}` : undefined },
            on: { click: () => !reply.locked && onChoose(reply.id) },
          },
          [
            el('span', { class: 'key', text: String(index + 1), attrs: { 'aria-hidden': 'true' } }),
            el('span', {}, [reply.text, reply.locked ? el('span', { class: 'lock', attrs: { id: `lock-${reply.id}` } }, [icon('lock'), this.t('conversation.lockedHint')]) : null]),
          ],
        ),
      ),
    );
    // Focus goes to the group, not to one reply: a ring on a reply would look like a hint. Tab enters the list.
    focusQuietly(this.replies);
  }

  /** While the trainee's words land and the customer reacts, nothing can be chosen. */
  setBusy(busy: boolean): void {
    for (const button of this.replies.querySelectorAll('button')) button.disabled = busy;
    this.breath.disabled = busy || this.breath.dataset.available !== 'true';
  }

  setBreathAvailable(available: boolean): void {
    this.breath.dataset.available = String(available);
    this.breath.disabled = !available;
  }

  setTimer(secondsLeft: number | null): void {
    this.timer.hidden = secondsLeft === null;
    if (secondsLeft === null) return;
    this.timer.replaceChildren(icon('timer'), String(secondsLeft));
    this.timer.setAttribute('aria-label', this.t('conversation.timeLeft', { count: secondsLeft }));
    this.timer.classList.toggle('urgent', secondsLeft <= 5);
  }

  showCoach(text: string | null): void {
    this.coach.textContent = text === null ? '' : `${this.t('conversation.coach')}: ${text}`;
  }

  /** At the end: the replies give way to one button to the debrief. */
  showContinue(onContinue: () => void): void {
    this.replies.replaceChildren();
    this.breath.remove();
    const button = el('button', { class: 'primary', testid: 'continue', text: this.t('conversation.continue'), on: { click: onContinue } });
    this.actions.replaceChildren(button);
    focusQuietly(button);
  }
}
