import { describe, expect, it } from 'vitest';
import { theme } from '../../scenes/theme.ts';

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

const { color } = theme;

describe('text contrast in the theme', () => {
  it.each([
    ['body text on the background', color.ink, color.background],
    ['body text on panels', color.ink, color.panel],
    ['muted text on the background', color.inkMuted, color.background],
    ['muted text on panels', color.inkMuted, color.panel],
    ['muted text on the deep background', color.inkMuted, color.backgroundDeep],
    ['accent text on panels', color.accent, color.panel],
    ['accent text on its soft tint', color.accent, color.accentSoft],
    ['text on accent buttons', color.accentInk, color.accent],
    ['body text on the trainee bubble', color.ink, color.accentSoft],
    ['good deltas on panels', color.good, color.panel],
    ['bad deltas on panels', color.bad, color.panel],
  ])('%s is at least 4.5:1', (_name, foreground, background) => {
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('measures a known pair correctly', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
  });
});
