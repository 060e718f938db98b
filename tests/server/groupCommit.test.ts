import { expect, test } from 'vitest';
import { scoreChoices, type Choice } from '../../src/index.ts';
import { describeEachDatabase, signIn } from './harness.ts';
import { decide, firstVersion, getAttempt, nextLegal, startAttempt } from './play.ts';

describeEachDatabase('decisions arriving together (group commit)', (server) => {
  test('each is answered on its own: good ones stored, a bad one refused, and nothing else changes', async () => {
    const { app } = server();
    const players = await Promise.all(['Ann', 'Ben', 'Cas', 'Dee', 'Eve', 'Fay'].map(async (name) => {
      const cookies = await signIn(app, name);
      return { cookies, attempt: await startAttempt(app, cookies), choices: [] as Choice[] };
    }));
    const [first, intruder, victim] = players;
    if (!first || !intruder || !victim) throw new Error('too few players');
    // An attempt that only ever gets an impossible move, so it is refused whatever else arrives first.
    const spare = await startAttempt(app, first.cookies);
    const opening = nextLegal([]) as Choice;
    // Every round sends one decision per player at once, plus three that must fail alone.
    for (let round = 0; round < 4; round++) {
      const rogue = [
        decide(app, first.cookies, spare, 0, { kind: 'reply', reply: 'not-a-reply' }),
        decide(app, intruder.cookies, victim.attempt, round, opening),
        decide(app, first.cookies, first.attempt, round + 5, opening),
      ];
      const honest = players.map((player) => {
        const choice = nextLegal(player.choices);
        if (!choice) return undefined;
        player.choices.push(choice);
        return decide(app, player.cookies, player.attempt, player.choices.length - 1, choice);
      });
      const [refused, foreign, gap] = await Promise.all(rogue);
      expect([refused?.statusCode, foreign?.statusCode, gap?.statusCode]).toEqual([422, 404, 409]);
      for (const response of await Promise.all(honest)) if (response) expect(response.statusCode, response.body).toBe(201);
    }
    for (const player of players) {
      const stored = (await getAttempt(app, player.cookies, player.attempt)).json();
      const expected = scoreChoices(firstVersion().scenario, player.choices);
      if (!expected.ok) throw new Error(expected.error);
      expect(stored.decisions.map((decision: { index: number; choice: Choice }) => [decision.index, decision.choice])).toEqual(player.choices.map((choice, index) => [index, choice]));
      expect(stored.score).toMatchObject({ skills: expected.report.skills, overall: expected.report.overall, decisionCount: player.choices.length });
    }
  });
});
