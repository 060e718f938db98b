/**
 * `npm run bench:live`: how long a phone's vote takes to reach the projector, with 20 rooms × 30
 * phones on one team server on the embedded database (the goal: p95 ≤ 100 ms with 600 phones).
 *
 * The real server runs as its own process (server/main.ts, as `npm start` runs it, production
 * settings) on loopback, on a fresh PGlite folder. Each room has its trainer's controller and
 * projector sockets and 30 phones (WebSocket clients); each phone connects from its own loopback
 * address (127.0.x.y), as phones in a class have their own, so the per-address limit on upgrades
 * applies as it would. At each of DECISIONS decisions every controller opens a vote and every
 * phone votes once at a moment drawn uniformly over VOTE_SECONDS; then the controller closes the
 * vote, takes the majority and moves on. A vote's time runs from its send until the room's
 * projector socket receives a state numbered at or after the one in which the phone first sees
 * its vote counted: a state that includes it. Progress goes to stderr; the last stdout line is JSON.
 * BENCH_ROOMS, BENCH_PHONES and BENCH_DECISIONS override the defaults; BENCH_PROFILE=<folder> profiles the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { currentConversation, legalChoices, type Choice, type LiveState, type Scenario } from '../../src/index.ts';
import { loadLibrary } from '../../server/library.ts';
import { startServerProcess, type ServerProcess } from '../server/process.ts';
import { cpuMsOf } from './cpu.ts';
import { round } from './stats.ts';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 20);
const PHONES = Number(process.env.BENCH_PHONES ?? 30);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 3);
const VOTE_SECONDS = 10;
const GOAL_P95_MS = 100;
/** Any single wait (a socket opening, an answer) longer than this fails the run. */
const WAIT_MS = 15_000;
const PASSWORD = 'bench password 1234';

const log = (line: string) => process.stderr.write(`${line}\n`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Message = { type: string; seq?: number; view?: any; reason?: string; token?: string };

/**
 * A room's socket that keeps the time each state number first arrived, and hands out its messages
 * in order to whoever waits. A phone (`reads: 'awaited'`) reads only what it waits for, and counts
 * refusals unread: 600 phones parsing every state of their rooms would load the machine the
 * server runs on and delay what the projectors measure.
 */
class Client {
  readonly arrivals = new Map<number, number>();
  rejected: string[] = [];
  private readonly unread: Message[] = [];
  private waiter: { test: (message: Message) => boolean; resolve: (message: Message) => void } | null = null;

  private constructor(readonly socket: WebSocket, reads: 'all' | 'awaited') {
    socket.on('message', (data) => {
      const text = String(data);
      if (reads === 'awaited' && !this.waiter) {
        // The server writes `type` first.
        if (!text.startsWith('{"type":"state"')) this.rejected.push(text);
        return;
      }
      const message = JSON.parse(text) as Message;
      if (message.type === 'state' && message.seq !== undefined && !this.arrivals.has(message.seq)) this.arrivals.set(message.seq, performance.now());
      if (message.type === 'rejected' || message.type === 'error') this.rejected.push(message.reason ?? message.type);
      if (this.waiter?.test(message)) {
        this.waiter.resolve(message);
        this.waiter = null;
      } else if (!this.waiter) this.unread.push(message);
    });
  }

  static open(url: string, localAddress: string, headers: Record<string, string> = {}, reads: 'all' | 'awaited' = 'all'): Promise<Client> {
    const socket = new WebSocket(url, { headers, localAddress });
    return bounded(new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new Client(socket, reads)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    }), `opening ${url}`);
  }

  /** The first message (read before, or still to come) that passes `test`; the ones before it are dropped. */
  next(test: (message: Message) => boolean, what: string): Promise<Message> {
    while (this.unread.length > 0) {
      const message = this.unread.shift() as Message;
      if (test(message)) return Promise.resolve(message);
    }
    return bounded(new Promise((resolve) => (this.waiter = { test, resolve })), what);
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }
}

function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`waited ${WAIT_MS} ms for ${what}`)), WAIT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The first admin, through the one-time link the server printed at its first start: the cookie to send as them. */
async function signInAdmin(server: ServerProcess): Promise<string> {
  let token: string | undefined;
  for (const deadline = Date.now() + WAIT_MS; !token; await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`the server printed no first-admin link:\n${server.output()}`);
    token = /#setup=([\w-]+)/.exec(server.output())?.[1];
  }
  const response = await fetch(`${server.origin}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.origin }, body: JSON.stringify({ token, username: 'bench-admin', password: PASSWORD }) });
  if (response.status !== 201) throw new Error(`creating the admin failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

interface Room {
  code: string;
  controller: Client;
  projector: Client;
  phones: Client[];
  state: LiveState;
}

async function openRoom(server: ServerProcess, cookie: string, index: number): Promise<Room> {
  const response = await fetch(`${server.origin}/api/live/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.origin, cookie }, body: '{}' });
  if (response.status !== 201) throw new Error(`opening a room failed: ${response.status} ${await response.text()}`);
  const { code } = (await response.json()) as { code: string };
  const url = (as?: string) => `${server.origin.replace('http', 'ws')}/api/live/rooms/${code}/socket${as ? `?as=${as}` : ''}`;
  // Each room's trainer screens from one address, each phone from its own: 127.0.<room + 1>.<phone + 2>.
  const address = (last: number) => `127.0.${index + 1}.${last}`;
  const staffHeaders = { cookie, origin: server.origin };
  const controller = await Client.open(url('controller'), address(1), staffHeaders);
  const projector = await Client.open(url('projector'), address(1), staffHeaders);
  const first = await controller.next((message) => message.type === 'state', 'the controller’s first state');
  const phones = await Promise.all(
    Array.from({ length: PHONES }, async (_, phone) => {
      const client = await Client.open(url(), address(phone + 2), {}, 'awaited');
      client.send({ type: 'join', name: `Phone ${phone + 1}` });
      await client.next((message) => message.type === 'welcome', 'a welcome');
      return client;
    }),
  );
  return { code, controller, projector, phones, state: first.view.state };
}

/** The controller sends `event` (while the phones are quiet) and waits for the state it leads to, or its refusal. */
async function steer(room: Room, event: object): Promise<boolean> {
  const before = room.controller.rejected.length;
  const last = Math.max(...room.controller.arrivals.keys());
  const next = room.controller.next((message) => message.type === 'rejected' || (message.type === 'state' && (message.seq ?? 0) > last), `the answer to ${JSON.stringify(event)}`);
  room.controller.send({ type: 'event', event });
  const answer = await next;
  if (answer.type === 'state') room.state = answer.view.state;
  return room.controller.rejected.length === before;
}

const sameChoice = (a: Choice | null, b: Choice) => a?.kind === b.kind && (a.kind !== 'reply' || a.reply === (b as { reply: string }).reply);

interface Vote {
  sentAt: number;
  seq: number | null;
  room: Room;
}

/** One decision in a room: a vote, phones voting over VOTE_SECONDS, the majority taken; false once the session has nothing left to decide. */
async function decide(room: Room, library: Scenario[], votes: Vote[]): Promise<boolean> {
  if (!(await steer(room, { type: 'voteOpened', durationMs: null }))) return false;
  const scenario = library.find((candidate) => candidate.id === room.state.scenarios[room.state.scenarioIndex]?.id) as Scenario;
  const choices = legalChoices(scenario, currentConversation(room.state)) as Choice[];
  await Promise.all(
    room.phones.map(async (phone) => {
      await sleep(Math.random() * VOTE_SECONDS * 1000);
      const choice = choices[Math.floor(Math.random() * choices.length)] as Choice;
      const vote: Vote = { sentAt: performance.now(), seq: null, room };
      votes.push(vote);
      const counted = phone.next((message) => message.type === 'state' && sameChoice(message.view.yourVote, choice), 'the phone’s vote counted');
      phone.send({ type: 'vote', choice });
      vote.seq = (await counted).seq ?? null;
    }),
  );
  for (const event of [{ type: 'voteClosed' }, { type: 'decided', source: 'majority' }, { type: 'revealed' }]) await steer(room, event);
  return (await steer(room, { type: 'advanced' })) || steer(room, { type: 'skipped' });
}

async function bench() {
  const library = loadLibrary().map(({ scenario }) => scenario);
  const root = mkdtempSync(join(tmpdir(), 'htl-bench-live-'));
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));
  const profile = process.env.BENCH_PROFILE;
  const server = await startServerProcess({ kind: 'pglite', dataDir: join(root, 'data') }, {}, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
  try {
    const cookie = await signInAdmin(server);
    const rooms: Room[] = [];
    for (let index = 0; index < ROOMS; index++) {
      rooms.push(await openRoom(server, cookie, index));
      log(`room ${index + 1}/${ROOMS}: ${PHONES} phones joined`);
    }
    const started = { type: 'started', scenarios: library.map((scenario) => ({ id: scenario.id, version: scenario.version })), seed: 11, roster: [], rotation: { every: 'scenario' } };
    await Promise.all(rooms.map((room) => steer(room, started)));
    const votes: Vote[] = [];
    const cpuBefore = cpuMsOf(server.child.pid);
    for (let decision = 1; decision <= DECISIONS; decision++) {
      const goingOn = await Promise.all(rooms.map((room) => decide(room, library, votes)));
      log(`decision ${decision}/${DECISIONS}: ${votes.length} votes so far`);
      if (goingOn.includes(false)) break;
    }
    const serverCpuMsPerVote = round((cpuMsOf(server.child.pid) - cpuBefore) / votes.length, 2);
    const latencies = votes.map((vote) => {
      const arrivals = [...vote.room.projector.arrivals].filter(([seq]) => vote.seq !== null && seq >= vote.seq).map(([, at]) => at);
      if (arrivals.length === 0) throw new Error('a counted vote never reached its projector');
      return Math.min(...arrivals) - vote.sentAt;
    });
    const sockets = rooms.flatMap((room) => [room.controller, room.projector, ...room.phones]);
    for (const socket of sockets) socket.socket.close();
    // The controller is refused `advanced` at the end of a scenario (then it skips); any other refusal is a failure.
    const rejected = rooms.flatMap((room) => [room.projector, ...room.phones]).flatMap((socket) => socket.rejected);
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (share: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? NaN);
    const p95 = at(0.95);
    return {
      voteToProjectorP95Ms: p95,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: round(sorted.at(-1) ?? NaN),
      goalMet: p95 <= GOAL_P95_MS && rejected.length === 0,
      clients: sockets.length,
      rooms: ROOMS,
      phonesPerRoom: PHONES,
      votes: votes.length,
      rejected: rejected.length,
      firstRejections: [...new Set(rejected)].slice(0, 3),
      // Steadier than the latencies on a busy machine: the server's CPU time (all of it, sockets included) per vote.
      serverCpuMsPerVote,
      loadBefore,
    };
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

const result = await bench();
console.log(`vote to projector: p50 ${result.p50Ms} ms, p95 ${result.voteToProjectorP95Ms} ms, max ${result.maxMs} ms over ${result.votes} votes, ${result.clients} sockets (goal p95 ≤ ${GOAL_P95_MS} ms: ${result.goalMet ? 'met' : 'NOT met'})`);
console.log(JSON.stringify(result));
