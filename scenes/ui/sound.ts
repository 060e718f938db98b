/**
 * Quiet, optional sound effects synthesised with Web Audio: nothing to download. The context is
 * created on the first sound after a user gesture, as browsers require.
 */
export class Sound {
  private context: AudioContext | undefined;

  constructor(public muted: boolean) {}

  /** A soft tick as a line of text starts. */
  tick(): void {
    this.tone(880, 0.03, 0.02);
  }

  /** A low tone when the customer's mood rises. */
  moodUp(): void {
    this.tone(180, 0.25, 0.05);
  }

  /** A two-note chime on a good resolution. */
  chime(): void {
    this.tone(660, 0.35, 0.05);
    this.tone(990, 0.5, 0.04, 0.15);
  }

  private tone(frequency: number, seconds: number, volume: number, delay = 0): void {
    // Before the first click or key press browsers refuse audio (and warn); skip rather than queue.
    if (this.muted || navigator.userActivation?.hasBeenActive === false) return;
    try {
      this.context ??= new AudioContext();
      const start = this.context.currentTime + delay;
      const oscillator = this.context.createOscillator();
      const gain = this.context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(volume, start);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
      oscillator.connect(gain).connect(this.context.destination);
      oscillator.start(start);
      oscillator.stop(start + seconds);
    } catch {
      // No audio device (headless, locked down): sound is optional, so the game goes on silently.
    }
  }
}
