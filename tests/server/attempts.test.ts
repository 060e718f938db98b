import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { replayChoices, scoreChoices, type Choice } from '../../src/index.ts';
import { describeEachDatabase, post, signIn, testLibrary } from './harness.ts';
import { decide, firstVersion, getAttempt, nextLegal, playThrough, SEED, startAttempt } from './play.ts';

describeEachDatabase('attempts', (server) => {
  test('a whole playthrough is scored by the server exactly as the engine scores it', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const attempt = await startAttempt(app, cookies);
    const choices = await playThrough(() => app, cookies, attempt);
    const expected = scoreChoices(firstVersion().scenario, choices);
    if (!expected.ok) throw new Error(expected.error);
    const stored = (await getAttempt(app, cookies, attempt)).json();
    expect(stored.decisions).toHaveLength(choices.length);
    expect(stored.outcome).not.toBeNull();
    expect(stored.outcome).toBe(expected.report.outcome);
    expect(stored.score).toMatchObject({ skills: expected.report.skills, overall: expected.report.overall, scenarioHash: firstVersion().hash, decisionCount: choices.length });
  });

  test('mood and composure are what the server replayed, not what the client said', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const attempt = await startAttempt(app, cookies);
    const choice = nextLegal([]) as Choice;
    const response = await post(app, `/api/attempts/${attempt}/decisions`, cookies, { index: 0, id: randomUUID(), choice, at: 1, moodAfter: 0 });
    expect(response.statusCode).toBe(400);
    const recorded = (await decide(app, cookies, attempt, 0, choice)).json();
    const replayed = replayChoices(firstVersion().scenario, [choice], SEED);
    if (!replayed.ok) throw new Error(replayed.error);
    expect(recorded).toMatchObject({ node: firstVersion().scenario.start, moodAfter: replayed.state.decisions[0]?.moodAfter, composureAfter: replayed.state.decisions[0]?.composureAfter });
  });

  test('a forged score is refused and nothing is stored', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const attempt = await startAttempt(app, cookies);
    const forged = await post(app, `/api/attempts/${attempt}/decisions`, cookies, { index: 0, id: randomUUID(), choice: nextLegal([]), at: 1, score: { overall: 100 } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatch(/additional properties/);
    const forgedAttempt = await post(app, '/api/attempts', cookies, { id: randomUUID(), scenario: firstVersion().scenario.id, scenarioHash: firstVersion().hash, seed: 1, language: 'en', startedAt: 1, overall: 100 });
    expect(forgedAttempt.statusCode).toBe(400);
    const stored = (await getAttempt(app, cookies, attempt)).json();
    expect(stored).toMatchObject({ decisions: [], score: null });
  });

  test('an impossible move is a 422 with the rules\' reason, and the attempt is unchanged', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const attempt = await startAttempt(app, cookies);
    const unknownReply = await decide(app, cookies, attempt, 0, { kind: 'reply', reply: 'not-a-reply' });
    expect(unknownReply.statusCode).toBe(422);
    expect(unknownReply.json().error).toBe(`decision 1: reply "not-a-reply" is not offered at node "${firstVersion().scenario.start}"`);
    expect((await decide(app, cookies, attempt, 0, { kind: 'breath' })).statusCode).toBe(201);
    const secondBreath = await decide(app, cookies, attempt, 1, { kind: 'breath' });
    expect(secondBreath.statusCode).toBe(422);
    expect(secondBreath.json().error).toMatch(/a breath was already taken/);
    expect((await getAttempt(app, cookies, attempt)).json().decisions).toHaveLength(1);
  });

  test('a replayed decision is stored exactly once and answered with the stored result', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const attempt = await startAttempt(app, cookies);
    const decisionId = randomUUID();
    const choice = nextLegal([]) as Choice;
    const first = await decide(app, cookies, attempt, 0, choice, decisionId);
    const replays = await Promise.all([1, 2, 3].map(() => decide(app, cookies, attempt, 0, choice, decisionId)));
    expect(first.statusCode).toBe(201);
    expect(replays.map((response) => response.statusCode)).toEqual([200, 200, 200]);
    for (const replay of replays) expect(replay.json()).toEqual(first.json());
    expect((await getAttempt(app, cookies, attempt)).json().decisions).toEqual([first.json()]);
  });

  test('a different decision at a used index, a reused decision id, or a gap is a 409 naming the next index', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const attempt = await startAttempt(app, cookies);
    const decisionId = randomUUID();
    await decide(app, cookies, attempt, 0, nextLegal([]) as Choice, decisionId);
    for (const response of [
      await decide(app, cookies, attempt, 0, { kind: 'breath' }),
      await decide(app, cookies, attempt, 1, { kind: 'breath' }, decisionId),
      await decide(app, cookies, attempt, 5, { kind: 'breath' }),
    ]) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().nextIndex).toBe(1);
    }
  });

  test("another trainee's attempt is answered as if it did not exist", async () => {
    const { app } = server();
    const owner = await signIn(app, 'Owner');
    const intruder = await signIn(app, 'Intruder');
    const attempt = await startAttempt(app, owner);
    const choice = nextLegal([]) as Choice;
    const read = await getAttempt(app, intruder, attempt);
    const write = await decide(app, intruder, attempt, 0, choice);
    const missing = await getAttempt(app, intruder, randomUUID());
    expect([read.statusCode, write.statusCode]).toEqual([404, 404]);
    expect(read.json()).toEqual(missing.json());
    const takeover = await post(app, '/api/attempts', intruder, { id: attempt, scenario: firstVersion().scenario.id, scenarioHash: firstVersion().hash, seed: SEED, language: 'en', startedAt: 1_700_000_000_000 });
    expect(takeover.statusCode).toBe(409);
    expect((await getAttempt(app, owner, attempt)).json().decisions).toEqual([]);
  });

  test('an attempt on a scenario version the server never served is refused, so no decision can reach it', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const id = randomUUID();
    const body = { id, scenario: firstVersion().scenario.id, seed: 7, language: 'en', startedAt: 1 };
    const unknown = await post(app, '/api/attempts', cookies, { ...body, scenarioHash: 'f'.repeat(64) });
    expect(unknown.statusCode).toBe(422);
    const otherScenario = testLibrary()[1]?.hash;
    expect((await post(app, '/api/attempts', cookies, { ...body, scenarioHash: otherScenario })).statusCode).toBe(422);
    expect((await decide(app, cookies, id, 0, nextLegal([]) as Choice)).statusCode).toBe(404);
  });

  test('a retried attempt upload is accepted once; the same id with other content is not', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const id = randomUUID();
    const body = { id, scenario: firstVersion().scenario.id, scenarioHash: firstVersion().hash, seed: 4_294_967_295, language: 'ru', startedAt: 1_700_000_000_000 };
    expect((await post(app, '/api/attempts', cookies, body)).statusCode).toBe(201);
    expect((await post(app, '/api/attempts', cookies, body)).statusCode).toBe(200);
    expect((await post(app, '/api/attempts', cookies, { ...body, seed: 8 })).statusCode).toBe(409);
    expect((await getAttempt(app, cookies, id)).json()).toMatchObject({ seed: 4_294_967_295, language: 'ru', startedAt: 1_700_000_000_000, scenario: firstVersion().scenario.id });
  });
});
