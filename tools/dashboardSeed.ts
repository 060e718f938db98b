import type { Insertable, InsertObject, Kysely } from 'kysely';
import { applyChoice, createRandom, initialState, LANGUAGES, legalChoices, SCORING_VERSION, type Choice } from '../src/index.ts';
import type { Database } from '../server/db/schema.ts';
import { decisionRow, scoreRow } from '../server/db/store.ts';
import { loadLibrary, type ScenarioVersion } from '../server/library.ts';
import { replayForStorage, reviewFactsOf } from '../server/reviewFacts.ts';

export interface DashboardSeedOptions {
  trainees: number;
  attempts: number;
  seed: number;
  /** The manager of every seeded cohort; a new manager (who cannot sign in) when absent. */
  managerId?: string;
  /** Attempts start within the 120 days before this (milliseconds). */
  now?: number;
  /** The checked library; loaded from dialogues/ when absent. */
  library?: readonly ScenarioVersion[];
}

const TRAINEES_PER_COHORT = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per insert statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 2000;
/** Plays kept per scenario version and reused: a large seed spends its time writing, not replaying. */
const PLAYS_PER_VERSION = 300;

/**
 * Fills a database with a department's worth of play for the dashboard's tests and benchmarks:
 * cohorts of 25, trainees (a few without any attempt), attempts on the library's real scenarios
 * with moves drawn by seeded randomness among the legal ones (some left unfinished), and the
 * decisions, reviews and scores the server itself would store for them (the same replay).
 */
export async function seedDashboard(db: Kysely<Database>, options: DashboardSeedOptions): Promise<{ cohortIds: string[]; traineeIds: string[] }> {
  const random = createRandom(options.seed);
  const uuid = () => randomUuid(random);
  const now = options.now ?? Date.now();
  const library = options.library ?? loadLibrary();
  await db
    .insertInto('scenario_versions')
    .values(library.map(({ hash, scenario }) => ({ hash, scenario_id: scenario.id, version: scenario.version, content: JSON.stringify(scenario) })))
    .onConflict((conflict) => conflict.column('hash').doNothing())
    .execute();

  let managerId = options.managerId;
  if (!managerId) {
    managerId = uuid();
    await db.insertInto('staff').values({ id: managerId, username: `seed-manager-${managerId.slice(0, 8)}`, password_hash: '!', role: 'manager' }).execute();
  }
  const cohortIds = Array.from({ length: Math.ceil(options.trainees / TRAINEES_PER_COHORT) }, uuid);
  await insertInBatches(db, 'cohorts', cohortIds.map((id, index) => ({ id, name: `Cohort ${index + 1}`, join_code: joinCode(random), manager_id: managerId })));
  const trainees = Array.from({ length: options.trainees }, (_, index) => ({ id: uuid(), name: traineeName(random, index), cohort_id: cohortIds[Math.floor(index / TRAINEES_PER_COHORT)] as string }));
  await insertInBatches(db, 'trainees', trainees);

  // One in ten trainees never plays, so the grid has "not started" rows.
  const players = trainees.filter((_, index) => index % 10 !== 9);
  const plays = new Map<string, Play[]>();
  let pending: Pending = { attempts: [], decisions: [], scores: [] };
  for (let index = 0; index < options.attempts && players.length > 0; index++) {
    const version = library[Math.floor(random() * library.length)] as ScenarioVersion;
    const pool = plays.get(version.hash) ?? [];
    plays.set(version.hash, pool);
    const play = pool.length < PLAYS_PER_VERSION ? playOnce(version, random) : (pool[Math.floor(random() * pool.length)] as Play);
    if (pool.length < PLAYS_PER_VERSION) pool.push(play);
    const attemptId = uuid();
    const startedAt = now - Math.floor(random() * 120 * DAY_MS);
    const seed = Math.floor(random() * 2 ** 32);
    const trainee = players[Math.floor(random() * players.length)] as (typeof players)[number];
    const language = LANGUAGES[Math.floor(random() * LANGUAGES.length)] as string;
    // One attempt in eight is abandoned part-way (possibly before its first move).
    const made = random() < 0.125 ? Math.floor(random() * play.choices.length) : play.choices.length;
    const stored = made === play.choices.length ? play.stored : storedPlay(version, play.choices.slice(0, made));
    pending.attempts.push({ id: attemptId, trainee_id: trainee.id, scenario_hash: version.hash, seed, language, started_at: new Date(startedAt), outcome: stored.score?.outcome ?? null });
    stored.decisions.forEach(({ decision, review }, at) =>
      pending.decisions.push(decisionRow({ ...decision, attempt_id: attemptId, client_id: uuid(), at: startedAt + (at + 1) * 4000 }, review)),
    );
    if (stored.score) pending.scores.push(scoreRow({ id: attemptId, traineeId: trainee.id }, stored.score));
    if (pending.decisions.length >= BATCH * 5) pending = await flush(db, pending);
  }
  await flush(db, pending);
  return { cohortIds, traineeIds: trainees.map((trainee) => trainee.id) };
}

interface Play {
  choices: Choice[];
  stored: StoredPlay;
}

type StoredPlay = ReturnType<typeof storedPlay>;

interface Pending {
  attempts: Insertable<Database['attempts']>[];
  decisions: ReturnType<typeof decisionRow>[];
  scores: ReturnType<typeof scoreRow>[];
}

/** Random legal moves until the conversation ends (or 60 moves, far beyond any real one). */
function playOnce(version: ScenarioVersion, random: () => number): Play {
  const { scenario } = version;
  const choices: Choice[] = [];
  let state = initialState(scenario, null);
  while (choices.length < 60) {
    const legal = legalChoices(scenario, state);
    // Replies mostly: a bot that pauses or stays silent half the time is no trainee.
    const replies = legal.filter((choice) => choice.kind === 'reply');
    const from = replies.length > 0 && random() < 0.85 ? replies : legal;
    const choice = from[Math.floor(random() * from.length)];
    if (!choice) break;
    const step = applyChoice(scenario, state, choice, 0);
    if (!step.ok) throw new Error(step.error);
    choices.push(choice);
    state = step.state;
  }
  return { choices, stored: storedPlay(version, choices) };
}

/** The decisions (with reviews) and the score the server stores for these moves, from the server's own replay. */
function storedPlay(version: ScenarioVersion, choices: readonly Choice[]) {
  if (choices.length === 0) return { decisions: [], score: undefined };
  const replayed = replayForStorage(version.scenario, choices, 0);
  if (!replayed.ok) throw new Error(replayed.error);
  const { made, report } = replayed;
  return {
    decisions: made.map((decision, index) => ({
      decision: {
        index,
        choice: decision.choice,
        node: decision.node,
        mood_before: decision.moodBefore,
        mood_after: decision.moodAfter,
        composure_before: decision.composureBefore,
        composure_after: decision.composureAfter,
      },
      review: reviewFactsOf(report.decisions[index] as (typeof report.decisions)[number]),
    })),
    score: { scoringVersion: SCORING_VERSION, scenarioHash: version.hash, skills: report.skills, overall: report.overall, outcome: report.outcome, decisionCount: report.decisions.length },
  };
}

async function flush(db: Kysely<Database>, pending: Pending): Promise<Pending> {
  await insertInBatches(db, 'attempts', pending.attempts);
  await insertInBatches(db, 'decisions', pending.decisions);
  await insertInBatches(db, 'scores', pending.scores);
  return { attempts: [], decisions: [], scores: [] };
}

async function insertInBatches<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly InsertObject<Database, T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await db.insertInto(table).values(rows.slice(start, start + BATCH)).execute();
}

function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) + 8) as number).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

const CODE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const joinCode = (random: () => number) => Array.from({ length: 8 }, () => CODE_LETTERS[Math.floor(random() * CODE_LETTERS.length)]).join('');

const FIRST_NAMES = ['Dana', 'Egor', 'Amira', 'Lev', 'Sofia', 'Mateo', 'Olga', 'Kwame', 'Yuki', 'Анна', 'Борис', 'Ирина', 'Priya', 'Jonas', 'Chloé'];
const LAST_NAMES = ['Ivanova', 'Smith', 'Okafor', 'Petrov', 'García', 'Tanaka', 'Кузнецов', 'Novak', 'Haddad', 'Larsen'];

/** Varied, real-looking names (one a hostile one, as names are typed by anyone); the index keeps them unique. */
function traineeName(random: () => number, index: number): string {
  if (index === 3) return '=HYPERLINK("x")<img src=x onerror=alert(1)>';
  const pick = (names: readonly string[]) => names[Math.floor(random() * names.length)] as string;
  return `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)} ${index + 1}`;
}
