/**
 * The one place the look is defined: colours, type scale, shapes and motion. Canvas code reads
 * these numbers; the DOM layer gets them as CSS custom properties (applyTheme).
 */
export const theme = {
  color: {
    background: '#F3EEE7',
    backgroundDeep: '#E4DACD',
    panel: '#FFFFFF',
    panelMuted: '#FAF7F2',
    ink: '#1E2A32',
    inkMuted: '#46545F',
    line: '#D6CCBF',
    accent: '#1F5A94',
    accentSoft: '#E3ECF6',
    accentInk: '#FFFFFF',
    focus: '#E39B00',
    good: '#2D7A4B',
    bad: '#A8322A',
    moodCalm: '#17857A',
    moodMid: '#C98A12',
    moodHot: '#C0392B',
  },
  font: { family: '"Nunito", sans-serif', regular: 400, bold: 700 },
  /** Pixel sizes at 1280×720; the layout scales them down on small screens. */
  size: { small: 16, body: 20, large: 24, title: 32, display: 44 },
  radius: 14,
  space: 8,
  /** Longest animation; reduced motion turns all of them off. */
  motionMs: 280,
} as const;

/** '#1F5A94' → 0x1f5a94 for Phaser. */
export const hex = (css: string) => Number.parseInt(css.slice(1), 16);

/** Teal → amber → red as the customer's mood goes from 0 to 100. */
export function moodColor(mood: number): number {
  const stops = [theme.color.moodCalm, theme.color.moodMid, theme.color.moodHot].map(hex);
  const position = (Math.max(0, Math.min(100, mood)) / 100) * (stops.length - 1);
  const index = Math.min(stops.length - 2, Math.floor(position));
  return mix(stops[index] ?? 0, stops[index + 1] ?? 0, position - index);
}

function mix(from: number, to: number, amount: number): number {
  const channel = (shift: number) => {
    const a = (from >> shift) & 0xff;
    const b = (to >> shift) & 0xff;
    return Math.round(a + (b - a) * amount) << shift;
  };
  return channel(16) | channel(8) | channel(0);
}

export function applyTheme(root: HTMLElement): void {
  for (const [name, value] of Object.entries(theme.color)) root.style.setProperty(`--color-${name}`, value);
  for (const [name, value] of Object.entries(theme.size)) root.style.setProperty(`--size-${name}`, `${value}px`);
  root.style.setProperty('--font-family', theme.font.family);
  root.style.setProperty('--radius', `${theme.radius}px`);
  root.style.setProperty('--space', `${theme.space}px`);
  root.style.setProperty('--motion', `${theme.motionMs}ms`);
}

export const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
