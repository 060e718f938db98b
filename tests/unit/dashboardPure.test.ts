import { describe, expect, it } from 'vitest';
import { historyFromRows } from '../../client/records/history.ts';
import { decisionRecord, newAttemptRecord, newProfileRecord, replayChoices, withDecision, type CatalogEntry, type Choice } from '../../src/index.ts';
import { apiSearch, attemptFilter, parseFilters, parseView, viewSearch, type View } from '../../views/dashboard/query.ts';
import { readRecordsFile, recordsFile, RECORDS_FORMAT } from '../../views/dashboard/transfer.ts';
import { exampleScenario } from '../helpers.ts';

/** The results page's pure parts: the address that holds a view, and the records file that moves a history between devices. */

const catalog = [
  { id: 'a', channel: 'phone', difficulty: 1 },
  { id: 'b', channel: 'chat', difficulty: 2 },
  { id: 'c', channel: 'phone', difficulty: 2 },
] as Pick<CatalogEntry, 'id' | 'channel' | 'difficulty'>[];

describe('the address of a view', () => {
  it('holds every filter and the sort, and reads back the same view', () => {
    const view: View = {
      kind: 'trainee',
      id: 'trainee-1',
      filters: { cohort: 'c1', from: '2026-11-01', to: '2026-11-30', scenario: 'b', channel: 'chat', difficulty: 2, language: 'ru', attention: true, skillBelow: 40, idleDays: 7, sort: 'scenario:b', descending: true, page: 3 },
    };
    const search = viewSearch(view, 'en');
    expect(parseView(search)).toEqual(view);
    expect(new URLSearchParams(search).get('lang')).toBe('en');
  });

  it('says nothing of the defaults, and refuses what it does not know for the default', () => {
    expect(viewSearch(parseView(''), null)).toBe('');
    const filters = parseFilters(new URLSearchParams('sort=scenario:<script>&below=999&idle=0&from=yesterday&language=fr&difficulty=x&page=-1'));
    expect(filters).toMatchObject({ sort: 'name', skillBelow: 50, idleDays: 14, from: null, language: null, difficulty: null, page: 1 });
  });

  it('turns the manager\'s choices into the core\'s filter: whole days with `to` exclusive, channel and difficulty as scenarios', () => {
    const filters = { ...parseFilters(new URLSearchParams()), from: '2026-11-01', to: '2026-11-30', channel: 'phone', difficulty: 2, language: 'ru' as const };
    const filter = attemptFilter(filters, catalog);
    expect(filter).toEqual({ from: new Date(2026, 10, 1).getTime(), to: new Date(2026, 11, 1).getTime(), scenarios: ['c'], languages: ['ru'] });
    expect(attemptFilter({ ...filters, scenario: 'a' }, catalog).scenarios).toEqual(['a']);
    expect(apiSearch(filter, 'c1')).toBe(`?cohort=c1&from=${filter.from}&to=${filter.to}&scenario=c&language=ru`);
    expect(apiSearch({ scenarios: ['a', 'b'] }, null)).toBe('?scenario=a&scenario=b');
  });
});

describe('the records file', () => {
  const scenario = exampleScenario();
  const profile = newProfileRecord('profile-1', 'Анна', 1);
  const choices: Choice[] = [{ kind: 'reply', reply: 'ask' }];
  const replayed = replayChoices(scenario, choices, 7);
  if (!replayed.ok) throw new Error(replayed.error);
  let attempt = newAttemptRecord('attempt-1', { profileId: profile.id, scenario: scenario.id, scenarioVersion: scenario.version, language: 'en', trainee: profile.name, seed: 7, startedAt: 1000, replayedPrefix: 0 });
  const decisions = replayed.state.decisions.map((decision, index) => {
    attempt = withDecision(attempt, index, 1001 + index, null);
    return decisionRecord(attempt.id, index, { ...decision, at: 1001 + index });
  });
  const history = historyFromRows(structuredClone({ profiles: [profile], attempts: [attempt], decisions }));
  const text = JSON.stringify(recordsFile(history, 5000));

  it('holds the records as stored, ids included, and reads back whole', () => {
    const read = readRecordsFile(text);
    expect(read).toEqual({ ok: true, file: { format: RECORDS_FORMAT, version: 1, exportedAt: 5000, profiles: [profile], attempts: [attempt], decisions } });
  });

  it('refuses a file that is not JSON, not an export, from a newer game, or with any damaged, repeated or stray record', () => {
    const file = JSON.parse(text) as Record<string, unknown[]>;
    const refused = (value: unknown) => {
      const read = readRecordsFile(typeof value === 'string' ? value : JSON.stringify(value));
      return read.ok ? 'accepted' : read.problem;
    };
    expect(refused('{ not json')).toEqual({ kind: 'notJson' });
    expect(refused({ attempts: [] })).toEqual({ kind: 'notExport' });
    expect(refused({ ...file, version: 2 })).toEqual({ kind: 'newer' });
    expect(refused({ ...file, decisions: 'none' })).toEqual({ kind: 'notExport' });
    expect(refused({ ...file, profiles: [{ ...profile, name: 7 }] })).toEqual({ kind: 'record', detail: 'profile 1: the profile record\'s "name" is missing or invalid' });
    expect(refused({ ...file, attempts: [attempt, attempt] })).toEqual({ kind: 'record', detail: 'attempt 2: its id appears twice' });
    expect(refused({ ...file, decisions: [] })).toMatchObject({ kind: 'record', detail: expect.stringContaining('attempt 1:') });
    expect(refused({ ...file, decisions: [...decisions, { ...decisions[0], attemptId: 'elsewhere' }] })).toEqual({ kind: 'record', detail: 'a decision belongs to no attempt in the file' });
  });
});
