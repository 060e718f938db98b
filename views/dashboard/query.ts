import { isLanguage, SKILLS, type AttemptFilter, type CatalogEntry, type Language, type Skill } from '../../src/index.ts';

/**
 * What the address says the page shows, as plain data: the view, and for the staff's views the
 * filters and the sort. Everything a manager chooses goes into the address, so a view can be
 * shared as a link and the back button steps through the choices.
 */

export const SORT_KEYS = ['name', 'cohort', 'overall', ...SKILLS, 'weakest', 'lastActivity', 'trend', 'attention'] as const;
export type SortKey = (typeof SORT_KEYS)[number] | `scenario:${string}`;

export interface Filters {
  cohort: string | null;
  /** Calendar days as <input type="date"> writes them (YYYY-MM-DD), in the reader's time zone; `to` counts whole. */
  from: string | null;
  to: string | null;
  scenario: string | null;
  channel: string | null;
  difficulty: number | null;
  language: Language | null;
  attention: boolean;
  skillBelow: number;
  idleDays: number;
  sort: SortKey;
  descending: boolean;
  /** The grid's page (1 first): a department's trainees are shown a hundred at a time. */
  page: number;
}

export type View = { kind: 'cohort'; filters: Filters } | { kind: 'trainee'; id: string; filters: Filters } | { kind: 'scenario'; id: string; filters: Filters };

export const DEFAULT_SKILL_BELOW = 50;
export const DEFAULT_IDLE_DAYS = 14;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const whole = (value: string | null, min: number, max: number, fallback: number) => {
  const number = value !== null && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) && number >= min && number <= max ? number : fallback;
};
const isSortKey = (value: string): value is SortKey => (SORT_KEYS as readonly string[]).includes(value) || /^scenario:[a-z][a-z0-9_-]*$/.test(value);

export function parseFilters(params: URLSearchParams): Filters {
  const sort = params.get('sort') ?? 'name';
  const language = params.get('language');
  const difficulty = params.get('difficulty');
  return {
    cohort: params.get('cohort') || null,
    from: DAY.test(params.get('from') ?? '') ? params.get('from') : null,
    to: DAY.test(params.get('to') ?? '') ? params.get('to') : null,
    scenario: params.get('scenario') || null,
    channel: params.get('channel') || null,
    difficulty: difficulty === null ? null : whole(difficulty, 1, 10, NaN) || null,
    language: language !== null && isLanguage(language) ? language : null,
    attention: params.get('attention') === '1',
    skillBelow: whole(params.get('below'), 0, 100, DEFAULT_SKILL_BELOW),
    idleDays: whole(params.get('idle'), 1, 3650, DEFAULT_IDLE_DAYS),
    sort: isSortKey(sort) ? sort : 'name',
    descending: params.get('dir') === 'desc',
    page: whole(params.get('page'), 1, 9999, 1),
  };
}

export function parseView(search: string): View {
  const params = new URLSearchParams(search);
  const filters = parseFilters(params);
  const id = params.get('id');
  const view = params.get('view');
  if (view === 'trainee' && id) return { kind: 'trainee', id, filters };
  if (view === 'scenario' && id) return { kind: 'scenario', id, filters };
  return { kind: 'cohort', filters };
}

/** The address of a view: only what differs from the defaults, in a fixed order. The page's `lang` stays as it was. */
export function viewSearch(view: View, lang: string | null): string {
  const params = new URLSearchParams();
  if (view.kind !== 'cohort') {
    params.set('view', view.kind);
    params.set('id', view.id);
  }
  const f = view.filters;
  if (f.cohort) params.set('cohort', f.cohort);
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.scenario) params.set('scenario', f.scenario);
  if (f.channel) params.set('channel', f.channel);
  if (f.difficulty !== null) params.set('difficulty', String(f.difficulty));
  if (f.language) params.set('language', f.language);
  if (f.attention) params.set('attention', '1');
  if (f.skillBelow !== DEFAULT_SKILL_BELOW) params.set('below', String(f.skillBelow));
  if (f.idleDays !== DEFAULT_IDLE_DAYS) params.set('idle', String(f.idleDays));
  if (f.sort !== 'name') params.set('sort', f.sort);
  if (f.descending) params.set('dir', 'desc');
  if (f.page !== 1) params.set('page', String(f.page));
  if (lang) params.set('lang', lang);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Midnight at the start of a calendar day (plus `days`) in the reader's time zone, in milliseconds. */
const startOfDay = (day: string, days = 0) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days).getTime();
};

/** The scenarios the filters leave: one chosen, or those of the chosen channel and difficulty; null for all. */
export function scenariosOf(filters: Pick<Filters, 'scenario' | 'channel' | 'difficulty'>, catalog: readonly Pick<CatalogEntry, 'id' | 'channel' | 'difficulty'>[]): string[] | null {
  if (filters.scenario) return [filters.scenario];
  if (!filters.channel && filters.difficulty === null) return null;
  return catalog.filter((entry) => (!filters.channel || entry.channel === filters.channel) && (filters.difficulty === null || entry.difficulty === filters.difficulty)).map((entry) => entry.id);
}

/** The filters that change which attempts count, as the core's AttemptFilter (`to` exclusive: the day after the last one). */
export function attemptFilter(filters: Filters, catalog: readonly Pick<CatalogEntry, 'id' | 'channel' | 'difficulty'>[]): AttemptFilter {
  const scenarios = scenariosOf(filters, catalog);
  return {
    ...(filters.from ? { from: startOfDay(filters.from) } : {}),
    ...(filters.to ? { to: startOfDay(filters.to, 1) } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...(filters.language ? { languages: [filters.language] } : {}),
  };
}

/** The same filter as the dashboard API's query string (scenario and language repeatable; times in ms). */
export function apiSearch(filter: AttemptFilter, cohort: string | null): string {
  const params = new URLSearchParams();
  if (cohort) params.set('cohort', cohort);
  if (filter.from !== undefined) params.set('from', String(filter.from));
  if (filter.to !== undefined) params.set('to', String(filter.to));
  for (const scenario of filter.scenarios ?? []) params.append('scenario', scenario);
  for (const language of filter.languages ?? []) params.append('language', language);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const isSkillKey = (key: string): key is Skill => (SKILLS as readonly string[]).includes(key);
