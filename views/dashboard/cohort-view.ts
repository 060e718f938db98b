import { html, nothing } from 'lit';
import { attentionReasons, LANGUAGES, OUTCOMES, SKILLS, type CohortRow, type Trend } from '../../src/index.ts';
import { formatDateTime } from '../parts/format.ts';
import type { Cohort } from '../staff/api.ts';
import { isSkillKey, scenariosOf, type Filters, type SortKey } from './query.ts';
import type { ScenarioBook } from '../parts/scenarioBook.ts';
import type { Words } from './text.ts';
import { trendLabel } from './trend.ts';

/**
 * The cohort view: the filters (all in the address), then trainees × scenarios with each
 * trainee's skills, weakest skill, last activity, trend and why they need attention; any column
 * sorts, and each trainee's name opens their report.
 */

export interface CohortHandlers {
  change(filters: Partial<Filters>): void;
  open(traineeId: string): void;
  traineeHref(traineeId: string): string;
  scenarioHref(scenarioId: string): string;
}

/** Scenario columns that fit a printed A4 page beside the summary columns; with more, the printout leaves them out and says so. */
const PRINTED_SCENARIOS = 4;

/** Rows per page of the grid: a screenful or two to read, and quick to draw. */
export const PAGE_SIZE = 100;

const TREND_ORDER: Record<Trend, number> = { down: 0, flat: 1, up: 2 };

type Reasons = ReturnType<typeof attentionReasons>;
const needsAttention = (reasons: Reasons) => reasons.skills.length > 0 || reasons.idle;

/** The value a column sorts by; null sorts last whichever the direction. */
function sortValue(row: CohortRow, key: SortKey, reasons: Reasons): string | number | null {
  if (key === 'name') return row.name.toLocaleLowerCase();
  if (key === 'cohort') return row.cohortName.toLocaleLowerCase();
  if (key === 'overall') return row.overall;
  if (key === 'weakest') return row.weakest;
  if (key === 'lastActivity') return row.lastActivity;
  if (key === 'trend') return row.trend && TREND_ORDER[row.trend];
  if (key === 'attention') return reasons.skills.length + (reasons.idle ? 1 : 0);
  if (isSkillKey(key)) return row.skills?.[key] ?? null;
  return row.cells[key.slice('scenario:'.length)]?.best ?? null;
}

export function sortRows(rows: readonly { row: CohortRow; reasons: Reasons }[], key: SortKey, descending: boolean) {
  const direction = descending ? -1 : 1;
  return [...rows]
    .map((entry) => ({ entry, value: sortValue(entry.row, key, entry.reasons) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
      const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return order * direction || (a.entry.row.name < b.entry.row.name ? -1 : a.entry.row.name > b.entry.row.name ? 1 : 0);
    })
    .map(({ entry }) => entry);
}

function filterForm(words: Words, book: ScenarioBook, filters: Filters, cohorts: readonly Cohort[], handlers: CohortHandlers) {
  const { say, t } = words;
  const channels = [...new Set(book.entries.map((entry) => entry.channel))];
  const levels = [...new Set(book.entries.map((entry) => entry.difficulty))].sort();
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
  const number = (event: Event, fallback: number) => {
    const read = Number(value(event));
    return Number.isFinite(read) ? Math.round(read) : fallback;
  };
  // On a phone the filters start folded, so the grid is on the first screen.
  const narrow = window.matchMedia('(max-width: 640px)').matches;
  return html`<details class="filters panel" ?open=${!narrow}>
    <summary><h2 id="filters-heading">${say('filters.heading')}</h2></summary>
    <form data-testid="filters" aria-labelledby="filters-heading" @submit=${(event: Event) => event.preventDefault()}>
      <div class="filter-grid">
        <div><label for="f-cohort">${say('filters.cohort')}</label>
          <select id="f-cohort" @change=${(event: Event) => handlers.change({ cohort: value(event) || null })}>
            <option value="" ?selected=${!filters.cohort}>${say('filters.allCohorts')}</option>
            ${cohorts.map((cohort) => html`<option value=${cohort.id} ?selected=${filters.cohort === cohort.id}>${cohort.name}</option>`)}
          </select></div>
        <div><label for="f-from">${say('filters.from')}</label><input id="f-from" type="date" .value=${filters.from ?? ''} @change=${(event: Event) => handlers.change({ from: value(event) || null })} /></div>
        <div><label for="f-to">${say('filters.to')}</label><input id="f-to" type="date" .value=${filters.to ?? ''} @change=${(event: Event) => handlers.change({ to: value(event) || null })} /></div>
        <div><label for="f-scenario">${say('filters.scenario')}</label>
          <select id="f-scenario" @change=${(event: Event) => handlers.change({ scenario: value(event) || null })}>
            <option value="" ?selected=${!filters.scenario}>${say('filters.allScenarios')}</option>
            ${book.entries.map((entry) => html`<option value=${entry.id} ?selected=${filters.scenario === entry.id}>${book.title(entry.id, words.language)}</option>`)}
          </select></div>
        <div><label for="f-channel">${say('filters.channel')}</label>
          <select id="f-channel" @change=${(event: Event) => handlers.change({ channel: value(event) || null })}>
            <option value="" ?selected=${!filters.channel}>${say('filters.allChannels')}</option>
            ${channels.map((channel) => html`<option value=${channel} ?selected=${filters.channel === channel}>${t(`channels.${channel}`)}</option>`)}
          </select></div>
        <div><label for="f-difficulty">${say('filters.difficulty')}</label>
          <select id="f-difficulty" @change=${(event: Event) => handlers.change({ difficulty: value(event) ? Number(value(event)) : null })}>
            <option value="" ?selected=${filters.difficulty === null}>${say('filters.allDifficulties')}</option>
            ${levels.map((level) => html`<option value=${level} ?selected=${filters.difficulty === level}>${say('filters.level', { level })}</option>`)}
          </select></div>
        <div><label for="f-language">${say('filters.language')}</label>
          <select id="f-language" @change=${(event: Event) => handlers.change({ language: (value(event) || null) as Filters['language'] })}>
            <option value="" ?selected=${!filters.language}>${say('filters.allLanguages')}</option>
            ${LANGUAGES.map((language) => html`<option value=${language} ?selected=${filters.language === language}>${say(`languages.${language}`)}</option>`)}
          </select></div>
        <div><label for="f-below">${say('filters.skillBelow')}</label><input id="f-below" type="number" min="0" max="100" .value=${String(filters.skillBelow)} @change=${(event: Event) => handlers.change({ skillBelow: Math.min(100, Math.max(0, number(event, filters.skillBelow))) })} /></div>
        <div><label for="f-idle">${say('filters.idleDays')}</label><input id="f-idle" type="number" min="1" max="3650" .value=${String(filters.idleDays)} @change=${(event: Event) => handlers.change({ idleDays: Math.min(3650, Math.max(1, number(event, filters.idleDays))) })} /></div>
      </div>
      <div class="filter-actions">
        <label class="check"><input id="f-attention" type="checkbox" .checked=${filters.attention} @change=${(event: Event) => handlers.change({ attention: (event.target as HTMLInputElement).checked })} /> ${say('filters.attention')}</label>
        <button type="button" data-testid="clear-filters" @click=${() => handlers.change({ cohort: null, from: null, to: null, scenario: null, channel: null, difficulty: null, language: null, attention: false })}>${say('filters.clear')}</button>
        ${filters.scenario ? html`<a class="button" href=${handlers.scenarioHref(filters.scenario)} data-link data-testid="open-scenario">${say('scenario.open')}</a>` : nothing}
      </div>
    </form>
  </details>`;
}

function pager(words: Words, page: number, pages: number, handlers: CohortHandlers) {
  const { say } = words;
  return html`<nav class="pager" aria-label=${say('cohort.pages')}>
    <button type="button" data-page="previous" ?disabled=${page <= 1} @click=${() => handlers.change({ page: page - 1 })}>${say('cohort.previous')}</button>
    <span aria-current="page">${say('cohort.page', { page, pages })}</span>
    <button type="button" data-page="next" ?disabled=${page >= pages} @click=${() => handlers.change({ page: page + 1 })}>${say('cohort.next')}</button>
  </nav>`;
}

export function cohortView(words: Words, book: ScenarioBook, filters: Filters, rows: readonly CohortRow[], cohorts: readonly Cohort[], now: number, handlers: CohortHandlers) {
  const { say, t } = words;
  const columns = scenariosOf(filters, book.entries) ?? book.entries.map((entry) => entry.id);
  const rule = { skillBelow: filters.skillBelow, idleDays: filters.idleDays };
  const judged = rows.map((row) => ({ row, reasons: attentionReasons(row, rule, now) }));
  const matching = sortRows(filters.attention ? judged.filter(({ reasons }) => needsAttention(reasons)) : judged, filters.sort, filters.descending);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(filters.page, pages);
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  // Said once per render, not once per cell: a department's grid has thousands of cells.
  const outcomes = Object.fromEntries([...OUTCOMES, 'unfinished'].map((outcome) => [outcome, t(`outcomes.${outcome}`)]));
  const skillNames = Object.fromEntries(SKILLS.map((skill) => [skill, t(`skills.${skill}`)]));
  const attemptsSaid = new Map<number, string>();
  const attemptsOf = (count: number) => attemptsSaid.get(count) ?? (attemptsSaid.set(count, say('cohort.attempts', { count })), attemptsSaid.get(count) as string);
  const notStarted = say('cohort.notStarted');
  const noFinished = say('cohort.noFinished');
  const never = say('cohort.never');
  const header = (key: SortKey, label: string, className = '') => {
    const sorted = filters.sort === key;
    return html`<th scope="col" class=${className} aria-sort=${sorted ? (filters.descending ? 'descending' : 'ascending') : nothing}>
      <button type="button" class="sort" data-sort=${key} @click=${() => handlers.change({ sort: key, descending: sorted ? !filters.descending : false })}>${label}<span aria-hidden="true">${sorted ? (filters.descending ? ' ▼' : ' ▲') : ''}</span></button>
    </th>`;
  };
  const reasonsText = (reasons: Reasons) =>
    [reasons.skills.length > 0 ? say('cohort.attentionSkills', { threshold: filters.skillBelow, skills: reasons.skills.map((skill) => skillNames[skill]).join(', ') }) : null, reasons.idle ? say('cohort.attentionIdle', { count: filters.idleDays }) : null]
      .filter((text) => text !== null)
      .join('; ');
  return html`
    ${filterForm(words, book, filters, cohorts, handlers)}
    <section aria-labelledby="cohort-heading">
      <h2 id="cohort-heading">${say('cohort.heading')}</h2>
      ${shown.length === 0
        ? html`<p class="empty" data-testid="no-trainees">${say('cohort.none')}</p>`
        : html`<div class="table-scroll grid-scroll">
            ${columns.length > PRINTED_SCENARIOS ? html`<p class="print-only">${say('cohort.printedScenarios', { count: PRINTED_SCENARIOS })}</p>` : nothing}
            <table class=${columns.length > PRINTED_SCENARIOS ? 'cohort-grid many-scenarios' : 'cohort-grid'} data-testid="cohort-grid">
              <caption>${say('cohort.caption', { count: matching.length })}${pages > 1 ? ` ${say('cohort.rows', { from: (page - 1) * PAGE_SIZE + 1, to: (page - 1) * PAGE_SIZE + shown.length })}` : ''}</caption>
              <thead>
                <tr>
                  ${header('name', say('cohort.name'))}
                  ${header('cohort', say('cohort.cohort'))}
                  ${columns.map((id) => header(`scenario:${id}`, book.title(id, words.language), 'scenario-column'))}
                  ${header('overall', t('debrief.overall'))}
                  ${SKILLS.map((skill) => header(skill, skillNames[skill] ?? skill))}
                  ${header('weakest', say('summary.weakest'))}
                  ${header('lastActivity', say('summary.lastActivity'))}
                  ${header('trend', say('summary.trend'))}
                  ${header('attention', say('cohort.attention'))}
                </tr>
              </thead>
              <tbody>
                ${shown.map(({ row, reasons }) => {
                  const attention = reasonsText(reasons);
                  return html`<tr data-trainee=${row.traineeId} @click=${(event: Event) => (event.target as HTMLElement).closest('a, button') || handlers.open(row.traineeId)}>
                    <th scope="row"><a href=${handlers.traineeHref(row.traineeId)} data-link data-testid="trainee-link">${row.name}</a></th>
                    <td>${row.cohortName}</td>
                    ${columns.map((id) => {
                      const cell = row.cells[id];
                      return html`<td class="cell" data-scenario=${id}>
                        ${cell
                          ? html`${cell.best === null ? html`<span class="cell-score">${noFinished}</span>` : html`<span class="cell-score" data-testid="cell-best">${cell.best}</span> / <span data-testid="cell-latest">${cell.latest}</span>`}
                              <span class="cell-meta">${cell.latestOutcome ? outcomes[cell.latestOutcome] : outcomes.unfinished}</span>
                              <span class="cell-meta">${attemptsOf(cell.attempts)}</span>`
                          : html`<span class="not-started">${notStarted}</span>`}
                      </td>`;
                    })}
                    <td data-testid="row-overall">${row.overall ?? '—'}</td>
                    ${SKILLS.map((skill) => html`<td data-skill=${skill}>${row.skills?.[skill] ?? '—'}</td>`)}
                    <td>${row.weakest ? skillNames[row.weakest] : '—'}</td>
                    <td>${row.lastActivity === null ? never : formatDateTime(row.lastActivity, words.language)}</td>
                    <td>${trendLabel(words, row.trend)}</td>
                    <td data-testid="attention" data-attention=${String(attention !== '')}>${attention === '' ? say('cohort.fine') : html`<span class="attention"><span aria-hidden="true">⚠ </span>${attention}</span>`}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>
          ${pages > 1 ? pager(words, page, pages, handlers) : nothing}`}
    </section>
  `;
}
