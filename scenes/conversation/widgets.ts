import * as Phaser from 'phaser';
import { hex, theme } from '../theme.ts';

export const TEXT_FONT = theme.font.family;

/** A horizontal meter with a word beside it (colour is never the only signal) and a +/- pop on change. */
export class Meter {
  private readonly track: Phaser.GameObjects.Graphics;
  private readonly label: Phaser.GameObjects.Text;
  private readonly pop: Phaser.GameObjects.Text;
  private shown = 0;
  private box = { x: 0, y: 0, width: 200 };
  private color = 0;

  constructor(private readonly scene: Phaser.Scene) {
    this.track = scene.add.graphics();
    this.label = scene.add.text(0, 0, '', { fontFamily: TEXT_FONT, fontSize: '16px', color: theme.color.ink, fontStyle: 'bold' });
    this.pop = scene.add.text(0, 0, '', { fontFamily: TEXT_FONT, fontSize: '16px', fontStyle: 'bold' }).setAlpha(0);
  }

  layout(x: number, y: number, width: number, fontSize: number): void {
    this.box = { x, y, width };
    this.label.setPosition(x, y).setFontSize(fontSize);
    this.pop.setFontSize(fontSize);
    this.draw();
  }

  get height(): number {
    return this.label.height + 18;
  }

  /** The height this meter takes at `fontSize`, before it is placed. */
  heightAt(fontSize: number): number {
    this.label.setFontSize(fontSize);
    return this.height;
  }

  /** Moves to `value` (0–100); `animate` eases and pops the difference. */
  set(value: number, label: string, color: number, animate: boolean, popColor?: string): void {
    this.label.setText(label);
    this.color = color;
    const delta = Math.round(value - this.shown);
    this.scene.tweens.killTweensOf(this);
    if (!animate || delta === 0) {
      this.shown = value;
      this.draw();
      return;
    }
    this.scene.tweens.add({ targets: this, shown: value, duration: theme.motionMs * 2, ease: 'Cubic.Out', onUpdate: () => this.draw() });
    this.pop
      .setText(delta > 0 ? `+${delta}` : String(delta))
      .setColor(popColor ?? theme.color.ink)
      .setPosition(this.box.x + this.box.width - this.pop.width, this.box.y)
      .setAlpha(1);
    this.scene.tweens.add({ targets: this.pop, alpha: 0, y: this.box.y - 14, delay: 500, duration: 700 });
  }

  private draw(): void {
    const top = this.box.y + this.label.height + 4;
    this.track.clear();
    this.track.fillStyle(hex(theme.color.backgroundDeep)).fillRoundedRect(this.box.x, top, this.box.width, 12, 6);
    const filled = Math.max(0, Math.min(1, this.shown / 100)) * this.box.width;
    if (filled > 0) this.track.fillStyle(this.color).fillRoundedRect(this.box.x, top, Math.max(12, filled), 12, 6);
  }
}

/** A rounded speech panel whose text types out letter by letter (instantly with reduced motion) and shrinks to fit. */
export class SpeechBubble {
  private readonly panel: Phaser.GameObjects.Graphics;
  private readonly text: Phaser.GameObjects.Text;
  private full = '';
  private typing: Phaser.Tweens.Tween | undefined;
  private box = { x: 0, y: 0, width: 300, height: 120 };
  private onDone: (() => void) | undefined;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly style: { fill: string; ink: string; border: string; maxFont: number; minFont: number; italic?: boolean; padding?: number },
  ) {
    this.panel = scene.add.graphics();
    this.text = scene.add.text(0, 0, '', {
      fontFamily: TEXT_FONT,
      color: style.ink,
      fontStyle: style.italic ? 'italic' : 'normal',
      lineSpacing: 4,
    });
  }

  layout(x: number, y: number, width: number, height: number): void {
    this.box = { x, y, width, height };
    this.fit();
    this.draw();
  }

  get isTyping(): boolean {
    return this.typing !== undefined;
  }

  /** Shows `text`, typing it at `charsPerSecond` unless `instant`; `onDone` runs when the whole line shows. */
  say(text: string, instant: boolean, onDone?: () => void, charsPerSecond = 55): void {
    this.finishTyping(false);
    this.full = text;
    this.onDone = onDone;
    this.fit();
    this.draw();
    if (instant || text.length === 0) return this.finishTyping(true);
    this.text.setText('');
    // A tween follows real time, so the pace holds even when frames are slow.
    this.typing = this.scene.tweens.addCounter({
      from: 0,
      to: text.length,
      duration: (text.length / charsPerSecond) * 1000,
      onUpdate: (tween) => this.text.setText(text.slice(0, Math.round(tween.getValue() ?? 0))),
      onComplete: () => this.finishTyping(true),
    });
  }

  /** Shows the whole line at once (a key or click skips the typing). */
  skip(): void {
    if (this.typing) this.finishTyping(true);
  }

  setVisible(visible: boolean): void {
    this.panel.setVisible(visible);
    this.text.setVisible(visible);
  }

  private finishTyping(notify: boolean): void {
    const typing = this.typing;
    this.typing = undefined;
    typing?.remove();
    this.text.setText(this.full);
    const done = this.onDone;
    this.onDone = undefined;
    if (notify) done?.();
  }

  /** Largest font between max and min at which the whole line fits the panel. */
  private fit(): void {
    const padding = this.padding;
    const displayed = this.text.text;
    this.text.setPosition(this.box.x + padding, this.box.y + padding - 2);
    // Binary search for the largest size that fits: each try re-renders the text, so keep them few.
    this.text.setWordWrapWidth(this.box.width - padding * 2, true).setText(this.full);
    const fits = (size: number) => this.text.setFontSize(size).height <= this.box.height - padding * 2;
    let low = this.style.minFont;
    let high = this.style.maxFont;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle - 1;
    }
    fits(low);
    // The panel is sized for the whole line, so it does not grow while the line types out.
    this.fullHeight = this.text.height;
    if (this.typing) this.text.setText(displayed);
  }

  private fullHeight = 0;

  private get padding(): number {
    return this.style.padding ?? 18;
  }

  private draw(): void {
    const height = Math.min(this.box.height, Math.max(this.fullHeight + this.padding * 2, 56));
    this.panel.clear();
    this.panel.fillStyle(hex(this.style.fill)).fillRoundedRect(this.box.x, this.box.y, this.box.width, height, theme.radius);
    this.panel.lineStyle(2, hex(this.style.border)).strokeRoundedRect(this.box.x, this.box.y, this.box.width, height, theme.radius);
  }
}
