import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { legalChoices, replayChoices, type Choice, type Scenario } from '../../src/index.ts';
import type { ScenarioVersion } from '../../server/library.ts';
import { post, testLibrary, type Cookies } from './harness.ts';

/** Playing through the API as the game will: start an attempt, send decisions one by one, read it back. */

export const SEED = 7;

/** The scenario version most tests play: the library's first. */
export const firstVersion = (): ScenarioVersion => testLibrary()[0] as ScenarioVersion;

export async function startAttempt(app: FastifyInstance, cookies: Cookies, version: ScenarioVersion = firstVersion()): Promise<string> {
  const id = randomUUID();
  const response = await post(app, '/api/attempts', cookies, { id, scenario: version.scenario.id, scenarioHash: version.hash, seed: SEED, language: 'en', startedAt: 1_700_000_000_000 });
  expect(response.statusCode, response.body).toBe(201);
  return id;
}

export const decide = (app: FastifyInstance, cookies: Cookies, attempt: string, index: number, choice: Choice, id: string = randomUUID()) =>
  post(app, `/api/attempts/${attempt}/decisions`, cookies, { index, id, choice, at: 1_700_000_001_000 + index });

export const getAttempt = (app: FastifyInstance, cookies: Cookies, id: string) => app.inject({ method: 'GET', url: `/api/attempts/${id}`, cookies });

/** The first reply on offer after `choices`, as a well-behaved client would play it; undefined once the conversation is over. */
export function nextLegal(choices: readonly Choice[], scenario: Scenario = firstVersion().scenario): Choice | undefined {
  const replayed = replayChoices(scenario, choices, SEED);
  if (!replayed.ok) throw new Error(replayed.error);
  return legalChoices(scenario, replayed.state).find((choice) => choice.kind === 'reply');
}

/**
 * Plays the first reply on offer until the end, after the choices already `played`, and returns
 * every choice; `serverFor(index)` picks which server hears each decision.
 */
export async function playThrough(serverFor: (index: number) => FastifyInstance, cookies: Cookies, attempt: string, played: readonly Choice[] = [], scenario?: Scenario): Promise<Choice[]> {
  const choices = [...played];
  for (let choice = nextLegal(choices, scenario); choice; choice = nextLegal(choices, scenario)) {
    const response = await decide(serverFor(choices.length), cookies, attempt, choices.length, choice);
    expect(response.statusCode, response.body).toBe(201);
    choices.push(choice);
  }
  return choices;
}
