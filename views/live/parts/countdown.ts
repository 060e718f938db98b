import { html, nothing } from 'lit';
import type { PublicVote } from '../../../src/index.ts';
import { LiveElement } from './element.ts';
import { clock, timeLeft } from './timer.ts';

/** The vote's countdown, ticking while a timed vote is open; the room's paused vote shows the time it kept. */
export class LiveCountdown extends LiveElement {
  static override properties = { ...LiveElement.properties, vote: { attribute: false }, paused: { type: Boolean } };
  declare vote: PublicVote | null;
  declare paused: boolean;
  private ticking: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page: the next update starts the ticking again if a vote is running.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicking();
  }

  /** Ticks only while there is time running out to show. */
  protected override updated(): void {
    const running = !this.paused && timeLeft(this.vote, Date.now()) !== null;
    if (running && this.ticking === undefined) this.ticking = window.setInterval(() => this.requestUpdate(), 250);
    else if (!running) this.stopTicking();
  }

  private stopTicking(): void {
    window.clearInterval(this.ticking);
    this.ticking = undefined;
  }

  protected override render() {
    const left = this.paused ? (this.vote?.open ? this.vote.remainingMs : null) : timeLeft(this.vote, Date.now());
    if (left === null) return nothing;
    return html`<p class="countdown" role="timer" data-left=${Math.ceil(left / 1000)}>
      <span class="countdown-label">${this.text.t('shared.timeLeft')}</span> <span class="countdown-clock">${clock(left)}</span>
    </p>`;
  }
}

customElements.define('live-countdown', LiveCountdown);

declare global {
  interface HTMLElementTagNameMap {
    'live-countdown': LiveCountdown;
  }
}
