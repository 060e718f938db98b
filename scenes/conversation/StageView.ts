import * as Phaser from 'phaser';
import { composureBand, moodBand, MOOD_BANDS, type Channel } from '../../src/index.ts';
import { portraitUrl } from '../app.ts';
import { drawChannelBackdrop } from '../ui/backdrops.ts';
import { hex, moodColor, theme } from '../theme.ts';
import { Meter, SpeechBubble } from './widgets.ts';

export interface StageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const portraitKey = (scenarioId: string, band: string) => `portrait:${scenarioId}:${band}`;

/** Queues the customer's five mood portraits that are not loaded yet. */
export function loadPortraits(scene: Phaser.Scene, scenarioId: string): void {
  for (const band of MOOD_BANDS) {
    const key = portraitKey(scenarioId, band);
    if (!scene.textures.exists(key)) scene.load.svg(key, portraitUrl(scenarioId, band), { width: 320, height: 320 });
  }
}

/**
 * Everything the conversation draws on the canvas: the channel's backdrop, the customer's
 * portrait (its expression follows the mood), the two meters, the customer's line and the
 * trainee's last words. It only displays what it is told; the scene decides.
 */
export class StageView {
  private readonly backdrop: Phaser.GameObjects.Graphics;
  private readonly portrait: Phaser.GameObjects.Image;
  readonly mood: Meter;
  readonly composure: Meter;
  readonly customer: SpeechBubble;
  readonly trainee: SpeechBubble;
  private band = '';
  /** True on narrow screens, where the trainee's bubble covers the customer's and must be hidden again. */
  compact = false;
  private portraitSize = 0;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly scenarioId: string,
    private readonly channel: Channel,
  ) {
    this.backdrop = scene.add.graphics();
    this.portrait = scene.add.image(0, 0, '__DEFAULT').setOrigin(0, 0);
    this.mood = new Meter(scene);
    this.composure = new Meter(scene);
    this.customer = new SpeechBubble(scene, { fill: theme.color.panel, ink: theme.color.ink, border: theme.color.line, maxFont: 24, minFont: 13 });
    // The trainee's words get the smaller box, so a tighter margin keeps a long reply at a readable size.
    this.trainee = new SpeechBubble(scene, { fill: theme.color.accentSoft, ink: theme.color.ink, border: theme.color.accent, maxFont: 20, minFont: 13, padding: 12 });
    this.trainee.setVisible(false);
  }

  /** Lays everything out inside the stage area the DOM left free (between header and replies). */
  layout(rect: StageRect): void {
    drawChannelBackdrop(this.backdrop, this.channel, this.scene.scale.width, this.scene.scale.height, rect);
    const wide = rect.width >= 640;
    this.compact = !wide;
    const pad = Math.max(16, Math.min(28, rect.width * 0.025));
    const small = wide ? 17 : 15;
    if (wide) {
      // Meters sit under the portrait, so the portrait takes only the height they leave.
      const size = Math.min(rect.height - pad * 2 - 12 - (this.mood.heightAt(small) * 2 + 8), rect.width * 0.22, 240);
      this.portraitSize = size;
      this.portrait.setPosition(rect.x + pad, rect.y + pad).setDisplaySize(size, size);
      const meterY = rect.y + pad + size + 12;
      this.mood.layout(rect.x + pad, meterY, size, small);
      this.composure.layout(rect.x + pad, meterY + this.mood.height + 8, size, small);
      const textX = rect.x + pad * 2 + size;
      const textWidth = rect.x + rect.width - pad - textX;
      const bubbleHeight = (rect.height - pad * 3) * 0.64;
      this.customer.layout(textX, rect.y + pad, textWidth, bubbleHeight);
      this.trainee.layout(textX + textWidth * 0.12, rect.y + pad * 2 + bubbleHeight, textWidth * 0.88, rect.height - bubbleHeight - pad * 3);
    } else {
      const size = Math.min(rect.width * 0.3, rect.height * 0.3, 130);
      this.portraitSize = size;
      this.portrait.setPosition(rect.x + pad, rect.y + pad).setDisplaySize(size, size);
      const meterX = rect.x + pad * 2 + size;
      const meterWidth = rect.x + rect.width - pad - meterX;
      this.mood.layout(meterX, rect.y + pad, meterWidth, small);
      this.composure.layout(meterX, rect.y + pad + this.mood.height + 8, meterWidth, small);
      // On a phone the customer's line gets all the room; the trainee's words overlay it briefly.
      const top = rect.y + pad * 2 + Math.max(size, this.mood.height * 2 + 8);
      const rest = rect.y + rect.height - pad - top;
      this.customer.layout(rect.x + pad, top, rect.width - pad * 2, rest);
      this.trainee.layout(rect.x + pad + rect.width * 0.08, top + rest * 0.45, rect.width * 0.92 - pad * 2, rest * 0.55);
    }
  }

  showMood(mood: number, word: string, animate: boolean): void {
    this.band = moodBand(mood);
    this.refreshPortrait();
    this.mood.set(mood, word, moodColor(mood), animate, theme.color.bad);
  }

  /** Shows the portrait for the current mood; the other moods load after the first line shows, so this runs again then. */
  refreshPortrait(): void {
    const key = portraitKey(this.scenarioId, this.band);
    if (this.portrait.texture.key === key || !this.scene.textures.exists(key)) return;
    this.portrait.setTexture(key).setDisplaySize(this.portraitSize, this.portraitSize);
  }

  showComposure(composure: number, word: string, animate: boolean): void {
    const color = composureBand(composure) === 'rattled' ? hex(theme.color.bad) : hex(theme.color.accent);
    this.composure.set(composure, word, color, animate, theme.color.accent);
  }
}
