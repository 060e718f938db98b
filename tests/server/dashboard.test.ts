import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/db/connect.ts';
import {
  choiceKey,
  matchesFilter,
  summariseCohort,
  summariseScenario,
  WEAK_BELOW,
  type AttemptFilter,
  type CohortRow,
  type ExportResponse,
  type ScenarioResponse,
  type TraineeResponse,
} from '../../src/index.ts';
import { seedDashboard } from '../../tools/dashboardSeed.ts';
import { byText, referenceOf, type Reference } from './dashboardReference.ts';
import { DATABASES, signInAdmin, signInStaff, testLibrary, withDatabase, type Cookies } from './harness.ts';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 24 * 60 * 60 * 1000;

const get = async (app: FastifyInstance, url: string, cookies: Cookies) => {
  const response = await app.inject({ method: 'GET', url, cookies });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
};

/** The query string of a filter, with repeated keys for lists. */
function query(filter: AttemptFilter & { cohort?: string }, lists = true): string {
  const params = new URLSearchParams();
  if (filter.cohort) params.set('cohort', filter.cohort);
  if (filter.from !== undefined) params.set('from', String(filter.from));
  if (filter.to !== undefined) params.set('to', String(filter.to));
  if (lists) for (const scenario of filter.scenarios ?? []) params.append('scenario', scenario);
  for (const language of filter.languages ?? []) params.append('language', language);
  return params.size ? `?${params}` : '';
}

/** The cohort grid as the core computes it for `trainees`, sorted as the server sorts it. */
function expectedRows(reference: Reference, trainees: Reference['trainees'], filter: AttemptFilter): CohortRow[] {
  const sorted = [...trainees].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
  const summaries = summariseCohort(sorted.map((trainee) => trainee.id), reference.attempts, filter);
  return summaries.map((summary, index) => {
    const { name, cohortId, cohortName } = sorted[index] as Reference['trainees'][number];
    return { ...summary, name, cohortId, cohortName };
  });
}

describe.each(DATABASES)('the dashboard answers what the core computes (%s)', (kind) => {
  test('cohort grid, scenario report, trainee detail and export on seeded play, with filters, for an admin and a manager', () =>
    withDatabase(kind, async (start, target) => {
      let app = await start();
      const admin = await signInAdmin(app);
      const [anna, boris] = [await signInStaff(app, 'manager'), await signInStaff(app, 'manager')];
      await app.close();
      const db = await openDatabase(target);
      const library = testLibrary();
      const annas = await seedDashboard(db, { trainees: 40, attempts: 700, seed: 11, managerId: anna.id, now: NOW, library });
      await seedDashboard(db, { trainees: 8, attempts: 60, seed: 12, managerId: boris.id, now: NOW, library });
      const reference = await referenceOf(db);
      await db.destroy();
      app = await start();
      try {
        const of = (managerId: string) => reference.trainees.filter((trainee) => trainee.managerId === managerId);
        const unfinished = reference.attempts.filter((attempt) => attempt.outcome === null);
        // The seed covers what the reports must get right: unfinished attempts, some without a move, trainees who never played.
        expect(unfinished.length).toBeGreaterThan(20);
        expect(unfinished.some((attempt) => attempt.decisionCount === 0)).toBe(true);
        expect(of(anna.id).some((trainee) => !reference.attempts.some((attempt) => attempt.traineeId === trainee.id))).toBe(true);

        // …and every kind of answer the grid can give.
        const grid = expectedRows(reference, of(anna.id), {});
        expect(new Set(grid.map((row) => row.trend))).toEqual(new Set(['up', 'down', 'flat', null]));
        expect(new Set(grid.map((row) => row.weakest)).size).toBeGreaterThan(2);
        expect(grid.some((row) => Object.values(row.cells).some((cell) => cell.best === null))).toBe(true);

        const [first, second] = [...new Set(reference.attempts.map((attempt) => attempt.scenario))].sort(byText) as [string, string];
        const filters: AttemptFilter[] = [
          {},
          { from: NOW - 60 * DAY, to: NOW - 20 * DAY },
          { scenarios: [first, second] },
          { languages: ['ru'] },
          { from: NOW - 90 * DAY, scenarios: [first], languages: ['en', 'ru'] },
        ];
        for (const filter of filters) {
          const label = JSON.stringify(filter);
          expect((await get(app, `/api/dashboard/cohort${query(filter)}`, anna.cookies)).trainees, label).toEqual(expectedRows(reference, of(anna.id), filter));
          expect((await get(app, `/api/dashboard/cohort${query(filter)}`, admin.cookies)).trainees, label).toEqual(expectedRows(reference, reference.trainees, filter));
        }
        const cohort = annas.cohortIds[1] as string;
        const inCohort = reference.trainees.filter((trainee) => trainee.cohortId === cohort);
        expect((await get(app, `/api/dashboard/cohort${query({ cohort, languages: ['en'] })}`, anna.cookies)).trainees).toEqual(expectedRows(reference, inCohort, { languages: ['en'] }));

        // The scenario view: Anna's trainees only, or one cohort, with dates and a language.
        const views: [string, AttemptFilter & { cohort?: string }][] = [
          [first, {}],
          [second, { cohort, from: NOW - 100 * DAY, languages: ['en'] }],
        ];
        for (const [scenario, filter] of views) {
          const trainees = new Set((filter.cohort ? inCohort : of(anna.id)).map((trainee) => trainee.id));
          const attempts = reference.attempts.filter((attempt) => trainees.has(attempt.traineeId) && matchesFilter(attempt, { ...filter, scenarios: [scenario] }));
          const ids = new Set(attempts.map((attempt) => attempt.attemptId));
          const expected = summariseScenario(attempts, reference.decisions.filter((decision) => ids.has(decision.attemptId)), WEAK_BELOW);
          expect(expected.choices.some((choice) => choice.weak > 0)).toBe(true);
          const answer: ScenarioResponse = await get(app, `/api/dashboard/scenarios/${scenario}${query(filter)}`, anna.cookies);
          expect(answer).toEqual({ ...expected, scenario });
        }

        // One trainee in full: every attempt oldest first, each decision with the core's review, the principles missed.
        const busiest = of(anna.id).map((trainee) => trainee.id).sort((a, b) => count(reference, b) - count(reference, a))[0] as string;
        const detail: TraineeResponse = await get(app, `/api/dashboard/trainees/${busiest}`, anna.cookies);
        const theirs = reference.attempts.filter((attempt) => attempt.traineeId === busiest).sort((a, b) => a.startedAt - b.startedAt || byText(a.attemptId, b.attemptId));
        const missed = new Map<string, number>();
        expect(detail.attempts).toEqual(
          theirs.map((attempt) => ({
            ...attempt,
            decisions: (reference.reviews.get(attempt.attemptId) ?? []).map((review, index) => {
              const weak = review.quality < WEAK_BELOW;
              if (weak) for (const principle of review.teaches) missed.set(principle, (missed.get(principle) ?? 0) + 1);
              const { index: at, node, choice, moodBefore, moodAfter, quality, teaches, better, skills } = review;
              return { index: at, node, choice, moodBefore, moodAfter, quality, teaches, better, skills, weak, at: reference.times.get(attempt.attemptId)?.[index], composureBefore: expect.any(Number), composureAfter: expect.any(Number) };
            }),
          })),
        );
        expect(detail.principles).toEqual([...missed].map(([principle, times]) => ({ principle, missed: times })).sort((a, b) => b.missed - a.missed || byText(a.principle, b.principle)));
        expect(detail.trainee).toEqual(expect.objectContaining({ id: busiest }));
        expect(detail.notes).toEqual([]);

        // The export: every one of Anna's attempts and decisions in the date range, scores as the core's.
        const range = { from: NOW - 30 * DAY, to: NOW };
        const exported: ExportResponse = await get(app, `/api/dashboard/export${query(range)}`, anna.cookies);
        const annaIds = new Set(of(anna.id).map((trainee) => trainee.id));
        const inRange = reference.attempts.filter((attempt) => annaIds.has(attempt.traineeId) && attempt.startedAt >= range.from && attempt.startedAt < range.to);
        // Names come back as typed, the seed's hostile one included.
        expect(exported.attempts.some((row) => row.trainee.startsWith('=HYPERLINK('))).toBe(true);
        expect(exported.attempts.map((row) => row.attemptId).sort()).toEqual(inRange.map((attempt) => attempt.attemptId).sort());
        for (const row of exported.attempts) {
          const attempt = inRange.find((candidate) => candidate.attemptId === row.attemptId);
          const trainee = reference.trainees.find((candidate) => candidate.id === attempt?.traineeId);
          expect(row).toEqual(expect.objectContaining({ trainee: trainee?.name, cohort: trainee?.cohortName, overall: attempt?.overall, calm: attempt?.skills.calm, concreteFix: attempt?.skills.concreteFix, outcome: attempt?.outcome, decisions: attempt?.decisionCount, startedAt: new Date(attempt?.startedAt ?? 0).toISOString() }));
        }
        const decisions = inRange.flatMap((attempt) => (reference.reviews.get(attempt.attemptId) ?? []).map((review) => ({ attemptId: attempt.attemptId, review })));
        expect(exported.decisions).toHaveLength(decisions.length);
        for (const row of exported.decisions.slice(0, 200)) {
          const { review } = decisions.find((decision) => decision.attemptId === row.attemptId && decision.review.index === row.index) ?? {};
          expect(row).toEqual(expect.objectContaining({ node: review?.node, choice: review && choiceKey(review.choice), quality: review?.quality, weak: (review?.quality ?? 1) < WEAK_BELOW, principles: review?.teaches.join(';') }));
        }
      } finally {
        await app.close();
      }
    }), 180_000);
});

const count = (reference: Reference, traineeId: string) => reference.attempts.filter((attempt) => attempt.traineeId === traineeId).length;
