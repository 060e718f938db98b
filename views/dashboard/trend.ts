import { html } from 'lit';
import type { Trend } from '../../src/index.ts';
import type { Words } from './text.ts';

const ARROWS: Record<Trend, string> = { up: '↑', down: '↓', flat: '→' };

/** A trend as an arrow and a word: the arrow alone (or a colour) would not say it to everyone. */
export const trendLabel = (words: Words, trend: Trend | null) =>
  html`<span class="trend" data-trend=${trend ?? 'none'}><span aria-hidden="true">${trend ? ARROWS[trend] : '–'}</span> ${words.say(`trend.${trend ?? 'none'}`)}</span>`;
