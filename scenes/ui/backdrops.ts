import type * as Phaser from 'phaser';
import type { Channel } from '../../src/rubric.ts';
import { hex, theme } from '../theme.ts';

const wall = hex(theme.color.background);
const deep = hex(theme.color.backgroundDeep);
const panel = hex(theme.color.panel);
const line = hex(theme.color.line);
const accent = hex(theme.color.accent);

/** Soft shapes behind the menu and debrief: calm, warm, out of the way. */
export function drawCalmBackdrop(graphics: Phaser.GameObjects.Graphics, width: number, height: number): void {
  graphics.clear();
  graphics.fillStyle(wall).fillRect(0, 0, width, height);
  graphics.fillStyle(deep, 0.55).fillCircle(width * 0.92, height * 0.08, Math.max(width, height) * 0.28);
  graphics.fillStyle(hex(theme.color.accentSoft), 0.7).fillCircle(width * 0.04, height * 0.98, Math.max(width, height) * 0.22);
}

/**
 * One backdrop per channel, so the trainee sees at a glance where the talk happens: a shop
 * counter, a phone call, a chat window, a public social-media thread.
 */
export function drawChannelBackdrop(graphics: Phaser.GameObjects.Graphics, channel: Channel, width: number, height: number): void {
  graphics.clear();
  graphics.fillStyle(wall).fillRect(0, 0, width, height);
  if (channel === 'counter') drawCounter(graphics, width, height);
  else if (channel === 'phone') drawPhone(graphics, width, height);
  else drawWindow(graphics, width, height, channel === 'social');
}

function drawCounter(graphics: Phaser.GameObjects.Graphics, width: number, height: number): void {
  // Shelves with boxes on the back wall, a counter in front.
  const shelfColors = [0xc9b79c, 0xa9c4d8, 0xd9a98f, 0xb9d0b4];
  for (let row = 0; row < 3; row++) {
    const y = height * (0.14 + row * 0.2);
    graphics.fillStyle(deep).fillRect(0, y + 34, width, 8);
    for (let x = 12 + row * 17; x < width; x += 58) {
      graphics.fillStyle(shelfColors[(x + row) % shelfColors.length] ?? deep, 0.5).fillRoundedRect(x, y, 40, 34, 4);
    }
  }
  graphics.fillStyle(0xb08968).fillRect(0, height * 0.82, width, height * 0.18);
  graphics.fillStyle(0x9c7656).fillRect(0, height * 0.82, width, 8);
}

function drawPhone(graphics: Phaser.GameObjects.Graphics, width: number, height: number): void {
  // Concentric rings, as of a call in progress.
  const centerX = width * 0.5;
  const centerY = height * 0.45;
  for (let ring = 5; ring >= 1; ring--) {
    graphics.fillStyle(ring % 2 === 0 ? deep : wall, 0.5).fillCircle(centerX, centerY, ring * Math.max(width, height) * 0.12);
  }
}

function drawWindow(graphics: Phaser.GameObjects.Graphics, width: number, height: number, social: boolean): void {
  // A chat or a public feed: a window with a title bar; the feed has engagement icons.
  const margin = Math.min(width, height) * 0.04;
  graphics.fillStyle(deep, 0.6).fillRect(0, 0, width, height);
  graphics.fillStyle(panel).fillRoundedRect(margin, margin, width - margin * 2, height - margin * 2, 16);
  graphics.lineStyle(2, line).strokeRoundedRect(margin, margin, width - margin * 2, height - margin * 2, 16);
  graphics.fillStyle(social ? accent : hex(theme.color.moodCalm), 0.9).fillRect(margin, margin + 16, width - margin * 2, 22);
  graphics.fillRoundedRect(margin, margin, width - margin * 2, 38, { tl: 16, tr: 16, bl: 0, br: 0 });
  for (let i = 0; i < 3; i++) graphics.fillStyle(panel, 0.85).fillCircle(margin + 20 + i * 18, margin + 19, 5);
}
