import type * as Phaser from 'phaser';
import type { Channel } from '../../src/index.ts';
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
 * counter, a phone call, a chat window, a public social-media thread, an e-mail.
 */
export function drawChannelBackdrop(graphics: Phaser.GameObjects.Graphics, channel: Channel, width: number, height: number, stage: Area): void {
  graphics.clear();
  graphics.fillStyle(wall).fillRect(0, 0, width, height);
  if (channel === 'counter') drawCounter(graphics, width, stage);
  else if (channel === 'phone') drawPhone(graphics, width, height, stage);
  else if (channel === 'email') drawEnvelope(graphics, width, height, stage);
  else drawWindow(graphics, width, height, stage, channel === 'social');
}

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

function drawCounter(graphics: Phaser.GameObjects.Graphics, width: number, stage: Area): void {
  // Shelves with boxes along the back wall, and the counter's edge at the bottom of the stage.
  const shelfColors = [0xc9b79c, 0xa9c4d8, 0xd9a98f, 0xb9d0b4];
  for (let row = 0; row < 2; row++) {
    const y = stage.y + stage.height * (0.18 + row * 0.36);
    graphics.fillStyle(deep, 0.7).fillRect(0, y + 30, width, 6);
    for (let x = 12 + row * 17; x < width; x += 58) {
      graphics.fillStyle(shelfColors[(x + row) % shelfColors.length] ?? deep, 0.3).fillRoundedRect(x, y, 40, 30, 4);
    }
  }
  const counterTop = stage.y + stage.height - 18;
  graphics.fillStyle(0xb08968, 0.85).fillRect(0, counterTop, width, 18);
  graphics.fillStyle(0x9c7656).fillRect(0, counterTop, width, 5);
}

function drawPhone(graphics: Phaser.GameObjects.Graphics, width: number, height: number, stage: Area): void {
  // Concentric rings, as of a call in progress, centred on the stage.
  const centerX = stage.x + stage.width * 0.5;
  const centerY = stage.y + stage.height * 0.5;
  for (let ring = 5; ring >= 1; ring--) {
    graphics.fillStyle(ring % 2 === 0 ? deep : wall, 0.5).fillCircle(centerX, centerY, ring * Math.max(width, height) * 0.12);
  }
}

function drawWindow(graphics: Phaser.GameObjects.Graphics, width: number, height: number, stage: Area, social: boolean): void {
  // A chat or a public feed: a window with a coloured title bar filling the stage.
  const margin = 8;
  const box = { x: stage.x + margin, y: stage.y + margin, width: stage.width - margin * 2, height: stage.height - margin * 2 };
  graphics.fillStyle(deep, 0.6).fillRect(0, 0, width, height);
  graphics.fillStyle(panel).fillRoundedRect(box.x, box.y, box.width, box.height, 16);
  graphics.lineStyle(2, line).strokeRoundedRect(box.x, box.y, box.width, box.height, 16);
  graphics.fillStyle(social ? accent : hex(theme.color.moodCalm), 0.9).fillRoundedRect(box.x, box.y, box.width, 14, { tl: 16, tr: 16, bl: 0, br: 0 });
  for (let i = 0; i < 3; i++) graphics.fillStyle(panel, 0.85).fillCircle(box.x + 18 + i * 14, box.y + 7, 3.5);
}

function drawEnvelope(graphics: Phaser.GameObjects.Graphics, width: number, height: number, stage: Area): void {
  // A letter: a sheet with an airmail border of slanted red and blue stripes, and the faint fold of the flap.
  const margin = 8;
  const box = { x: stage.x + margin, y: stage.y + margin, width: stage.width - margin * 2, height: stage.height - margin * 2 };
  const band = Math.max(6, Math.min(12, Math.round(Math.min(box.width, box.height) * 0.03)));
  graphics.fillStyle(deep, 0.6).fillRect(0, 0, width, height);
  graphics.fillStyle(panel).fillRect(box.x, box.y, box.width, box.height);
  const colors = [hex(theme.color.moodHot), accent];
  const step = band * 2.2;
  const right = box.x + box.width;
  const bottom = box.y + box.height;
  const clampX = (x: number) => Math.max(box.x, Math.min(right, x));
  let index = 0;
  for (let x = box.x; x < right + band; x += step, index++) {
    // Top and bottom edges: stripes slanted to the left.
    graphics.fillStyle(colors[index % 2] ?? accent, 0.55);
    for (const [outer, inner] of [[box.y, box.y + band], [bottom, bottom - band]] as const) {
      fillQuad(graphics, [{ x: clampX(x), y: outer }, { x: clampX(x + band), y: outer }, { x: clampX(x), y: inner }, { x: clampX(x - band), y: inner }]);
    }
  }
  index = 0;
  const clampSide = (y: number) => Math.max(box.y + band, Math.min(bottom - band, y));
  for (let y = box.y + band; y < bottom; y += step, index++) {
    // Left and right edges, between the top and bottom bands.
    graphics.fillStyle(colors[index % 2] ?? accent, 0.55);
    for (const [outer, inner] of [[box.x, box.x + band], [right, right - band]] as const) {
      fillQuad(graphics, [{ x: outer, y: clampSide(y) }, { x: outer, y: clampSide(y + band) }, { x: inner, y: clampSide(y) }, { x: inner, y: clampSide(y - band) }]);
    }
  }
  // The flap's fold and the sheet's edge.
  // The fold stays shallow on a tall stage, so it reads as an envelope and not as lines through the talk.
  const fold = box.y + band + Math.min(box.height * 0.3, 110);
  graphics.lineStyle(2, line, 0.7);
  graphics.lineBetween(box.x + band, box.y + band, box.x + box.width / 2, fold);
  graphics.lineBetween(right - band, box.y + band, box.x + box.width / 2, fold);
  graphics.lineStyle(2, line).strokeRect(box.x, box.y, box.width, box.height);
}

function fillQuad(graphics: Phaser.GameObjects.Graphics, points: readonly { x: number; y: number }[]): void {
  const [first, ...rest] = points;
  if (!first) return;
  graphics.beginPath();
  graphics.moveTo(first.x, first.y);
  for (const point of rest) graphics.lineTo(point.x, point.y);
  graphics.closePath();
  graphics.fillPath();
}
