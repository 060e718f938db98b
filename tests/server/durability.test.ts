import { expect, test } from 'vitest';
import { createRandom } from '../../src/random.ts';
import { scoreChoices, simulate, type Choice, type Scenario } from '../../src/index.ts';
import type { ScenarioVersion } from '../../server/library.ts';
import { DATABASES, freshDatabase, testLibrary } from './harness.ts';
import { joinOverHttp, requestAs, startServerProcess, type ServerProcess } from './process.ts';

const PLAYERS = 8;
/** Acknowledged decisions after which the server is killed, mid-burst. */
const KILL_AFTER = 24;

interface StoredAttempt {
  decisions: { index: number; id: string; choice: Choice }[];
  score: { skills: unknown; overall: number; decisionCount: number } | null;
}

/** A trainee with one attempt and the random legal moves they will send, in order. */
interface Player {
  cookie: string;
  attempt: string;
  version: ScenarioVersion;
  choices: Choice[];
  ids: string[];
  /** Decisions the server answered with 2xx before it died. */
  acknowledged: number;
}

async function newPlayer(server: ServerProcess, index: number): Promise<Player> {
  const version = testLibrary()[index % testLibrary().length] as ScenarioVersion;
  const random = createRandom(index + 1);
  const choices = simulate(version.scenario, (offered) => offered[Math.floor(random() * offered.length)] as Choice, { seed: 7 }).decisions.map((decision) => decision.choice);
  const cookie = await joinOverHttp(server.origin, `Player ${index}`);
  const attempt = crypto.randomUUID();
  const started = await requestAs(cookie, server.origin, '/api/attempts', { id: attempt, scenario: version.scenario.id, scenarioHash: version.hash, seed: 7, language: 'en', startedAt: 1_700_000_000_000 });
  expect(started.status).toBe(201);
  return { cookie, attempt, version, choices, ids: choices.map(() => crypto.randomUUID()), acknowledged: 0 };
}

const send = (server: ServerProcess, player: Player, index: number) =>
  requestAs(player.cookie, server.origin, `/api/attempts/${player.attempt}/decisions`, { index, id: player.ids[index], choice: player.choices[index], at: 1_700_000_001_000 + index });

/** Every player sends their decisions in order, as fast as they are answered, until the server is gone. */
async function burstUntilKilled(server: ServerProcess, players: Player[]): Promise<number> {
  let acknowledged = 0;
  let inFlightAtKill = 0;
  await Promise.all(
    players.map(async (player) => {
      for (let index = 0; index < player.choices.length; index++) {
        let response;
        try {
          response = await send(server, player, index);
        } catch {
          return; // the server died with this request in flight
        }
        expect(response.status).toBe(201);
        player.acknowledged++;
        if (++acknowledged === KILL_AFTER) {
          inFlightAtKill = players.filter((other) => other.acknowledged < other.choices.length).length - 1;
          server.child.kill('SIGKILL');
        }
      }
    }),
  );
  return inFlightAtKill;
}

/** What the server stored must be a prefix of what was sent, each decision once, scored as the engine scores it. */
function expectConsistent(stored: StoredAttempt, player: Player, scenario: Scenario): void {
  const count = stored.decisions.length;
  expect(stored.decisions.map((decision) => decision.index)).toEqual([...Array(count).keys()]);
  expect(stored.decisions.map((decision) => decision.id)).toEqual(player.ids.slice(0, count));
  expect(stored.decisions.map((decision) => decision.choice)).toEqual(player.choices.slice(0, count));
  if (count === 0) return expect(stored.score).toBeNull();
  const expected = scoreChoices(scenario, player.choices.slice(0, count));
  if (!expected.ok) throw new Error(expected.error);
  expect(stored.score).toMatchObject({ skills: expected.report.skills, overall: expected.report.overall, decisionCount: count });
}

test.each(DATABASES)('every decision acknowledged before a SIGKILL is stored once, in order and scored; the rest can be resent (%s)', { timeout: 120_000 }, async (kind) => {
  const database = await freshDatabase(kind);
  let server = await startServerProcess(database.target);
  try {
    const players = await Promise.all(Array.from({ length: PLAYERS }, (_, index) => newPlayer(server, index)));
    const inFlight = await burstUntilKilled(server, players);
    expect(await server.exited).toBeNull(); // killed, not exited
    expect(inFlight, 'requests were in flight when the server died').toBeGreaterThan(0);

    server = await startServerProcess(database.target);
    for (const player of players) {
      const { json: stored } = await requestAs<StoredAttempt>(player.cookie, server.origin, `/api/attempts/${player.attempt}`);
      expectConsistent(stored, player, player.version.scenario);
      // Acknowledged means stored; at most the one request in flight was stored without its answer.
      expect(stored.decisions.length - player.acknowledged).toBeGreaterThanOrEqual(0);
      expect(stored.decisions.length - player.acknowledged).toBeLessThanOrEqual(1);
    }

    // Resending everything not acknowledged lands each decision exactly once.
    for (const player of players) {
      for (let index = player.acknowledged; index < player.choices.length; index++) expect([200, 201]).toContain((await send(server, player, index)).status);
      const { json: stored } = await requestAs<StoredAttempt>(player.cookie, server.origin, `/api/attempts/${player.attempt}`);
      expect(stored.decisions).toHaveLength(player.choices.length);
      expectConsistent(stored, player, player.version.scenario);
    }
  } finally {
    await server.stop('SIGKILL');
    await database.remove();
  }
});
