/** What the address bar's fragment asks for: a one-time link's token, a section, or nothing known. */
export type Route = { kind: 'setup' | 'reset'; token: string } | { kind: 'section'; section: Section } | { kind: 'none' };

export const SECTIONS = ['cohorts', 'accounts', 'settings', 'privacy'] as const;
export type Section = (typeof SECTIONS)[number];

const isSection = (value: string): value is Section => (SECTIONS as readonly string[]).includes(value);

export function parseHash(hash: string): Route {
  const fragment = hash.replace(/^#/, '');
  const token = /^(setup|reset)=(.{1,500})$/.exec(fragment);
  if (token) return { kind: token[1] as 'setup' | 'reset', token: token[2] as string };
  return isSection(fragment) ? { kind: 'section', section: fragment } : { kind: 'none' };
}

/** Empties the fragment: a one-time token leaves the address bar (and history and bookmarks) once it is read. */
export function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** Where `?next=` asks to go after signing in: only the results page or the live session's setup of this site (never another origin or path). */
export function nextAddress(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next !== null && /^(dashboard\.html(\?[^#\s]*)?|live\.html\?view=setup)$/.test(next) ? `./${next}` : null;
}
