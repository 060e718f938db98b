import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { currentConversation, foldLog, legalChoices, type Choice, type ControllerView, type LiveEvent, type LiveSessionRow, type SessionSummary } from '../../src/index.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { saveResults } from '../../server/live/results.ts';
import type { RoomState } from '../../server/live/rooms.ts';
import { summaryOf } from '../../server/live/summaries.ts';
import { createLiveResultsStore } from '../../server/live/resultsStore.ts';
import { traineeParticipantId } from '../../server/live/socket.ts';
import { createCohort, DATABASES, joinCohort, signInStaff, testLibrary, withDatabase, type Cookies } from './harness.ts';
import { listening, openRoom, Peer, WAIT_MS, type ServerMessage } from './liveSockets.ts';

const library = () => testLibrary().map(({ scenario }) => scenario);
const stateOf = (message: ServerMessage) => (message.view as ControllerView).state;
const get = (app: FastifyInstance, url: string, cookies: Cookies) => app.inject({ method: 'GET', url, cookies });

/** The trainee's live sessions on the dashboard, once the room's end has been saved (it is saved after the room's screens hear of it). */
async function liveOf(app: FastifyInstance, traineeId: string, cookies: Cookies): Promise<LiveSessionRow[]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const response = await get(app, `/api/dashboard/trainees/${traineeId}`, cookies);
    expect(response.statusCode, response.body).toBe(200);
    const live = response.json().live as LiveSessionRow[];
    if (live.length > 0 || Date.now() > deadline) return live;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withDb<T>(target: DatabaseTarget, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

test('every screen of an ended room is sent one summary, computed once per room and log length', () => {
  const scenario = library()[0];
  if (!scenario) throw new Error('the test library is empty');
  const room = { id: crypto.randomUUID(), code: 'ABCDEFGH', trainerId: crypto.randomUUID(), cohortId: null, createdAt: new Date() };
  const stateAt = (log: LiveEvent[]): RoomState => ({ room, state: foldLog(log, library()), seq: log.length, log, library: library() });
  const started: LiveEvent[] = [{ type: 'joined', participant: 'p1', name: 'Ann', at: 1 }, { type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 1, roster: [], rotation: { every: 'scenario' }, at: 2 }];
  expect(summaryOf(stateAt(started))).toBeNull();
  const ended = stateAt([...started, { type: 'ended', at: 3 }]);
  const once = summaryOf(ended);
  expect(once?.participants.map((entry) => entry.name)).toEqual(['Ann']);
  // Another socket asking for the same moment gets the very same object, not a new computation.
  expect(summaryOf({ ...ended })).toBe(once);
  expect(summaryOf({ ...ended, seq: ended.seq + 1 })).not.toBe(once);
});

describe.each(DATABASES)('what a live session leaves behind (%s)', (kind) => {
  test('each trainee’s votes and hot-seat moves reach their record, the room’s summary is saved once, and both go with the trainee or the room', () =>
    withDatabase(kind, async (start, target) => {
      let app = await start();
      const admin = await signInStaff(app, 'admin');
      const manager = await signInStaff(app, 'manager');
      const cohort = await createCohort(app, manager);
      const cookies = { ann: await joinCohort(app, cohort.joinCode, 'Ann'), bob: await joinCohort(app, cohort.joinCode, 'Bob') };
      const ids = { ann: (await get(app, '/api/me', cookies.ann)).json().id as string, bob: (await get(app, '/api/me', cookies.bob)).json().id as string };
      const room = await openRoom(app, admin, cohort.id);
      const seat = (trainee: string) => traineeParticipantId(room.id, trainee);
      const scenario = library()[0];
      if (!scenario) throw new Error('the test library is empty');
      let summary: SessionSummary;
      try {
        const host = await listening(app);
        const origin = `http://${host}`;
        const controller = await Peer.open(host, room.code, { controller: true, cookies: admin.cookies, origin });
        await controller.state();
        const phones = { ann: await Peer.open(host, room.code, { cookies: cookies.ann, origin }), bob: await Peer.open(host, room.code, { cookies: cookies.bob, origin }), guest: await Peer.open(host, room.code, { origin }) };
        for (const [name, phone] of Object.entries(phones)) phone.send({ type: 'join', name });
        await controller.state((view) => view.state.participants.length === 3);
        const send = (...events: object[]) => events.forEach((event) => controller.send({ type: 'event', event }));
        send({ type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 3, roster: [{ id: seat(ids.ann), name: 'Ann' }], rotation: { every: 'scenario' } });

        // Two decisions with Ann in the hot seat: the room overrules her once, then takes her move.
        for (const [round, source] of [[0, 'majority'], [1, 'hotSeat']] as const) {
          send({ type: 'voteOpened', durationMs: null });
          const voting = stateOf(await controller.state((view) => view.state.phase === 'voting' && view.state.round === round));
          const [first, second] = legalChoices(scenario, currentConversation(voting)) as [Choice, Choice];
          const ballots: Record<keyof typeof phones, Choice> = round === 0 ? { ann: first, bob: second, guest: second } : { ann: first, bob: first, guest: second };
          for (const [name, phone] of Object.entries(phones)) phone.send({ type: 'vote', choice: ballots[name as keyof typeof phones] });
          await controller.state((view) => Object.keys(view.state.vote?.votes ?? {}).length === 3);
          send({ type: 'voteClosed' }, { type: 'decided', source }, { type: 'advanced' });
          await controller.state((view) => view.state.decisions.length === round + 1 && view.state.phase === 'presenting');
        }
        send({ type: 'ended' });
        summary = (await controller.state((view) => view.state.phase === 'summary')).view.summary as SessionSummary;

        // The manager's trainee view: Ann voted twice and held the seat for both, followed once; Bob voted twice, never in the seat.
        const score = (trainee: string) => summary.participants.find((entry) => entry.participant === seat(trainee));
        const credit = summary.hotSeats.find((entry) => entry.participant === seat(ids.ann));
        const [annLive, bobLive] = [await liveOf(app, ids.ann, manager.cookies), await liveOf(app, ids.bob, admin.cookies)];
        expect(annLive).toEqual([
          { roomId: room.id, endedAt: expect.any(Number), scenarios: [scenario.id], votes: 2, skills: score(ids.ann)?.skills, overall: score(ids.ann)?.overall, hotSeat: { decisions: 2, followed: 1, skills: credit?.skills, overall: credit?.overall } },
        ]);
        expect(annLive[0]?.skills).not.toBeNull();
        expect(bobLive).toEqual([{ roomId: room.id, endedAt: annLive[0]?.endedAt, scenarios: [scenario.id], votes: 2, skills: score(ids.bob)?.skills, overall: score(ids.bob)?.overall, hotSeat: null }]);
        // Another cohort's manager reaches neither trainee.
        expect((await get(app, `/api/dashboard/trainees/${ids.ann}`, (await signInStaff(app, 'manager')).cookies)).statusCode).toBe(404);

        // The trainer's rooms and the saved summary, after the controller's tab is gone.
        const trainer = await signInStaff(app, 'trainer');
        const open = await openRoom(app, admin);
        const listed = (await get(app, '/api/live/rooms', admin.cookies)).json().rooms;
        expect(listed.map((entry: { id: string; phase: string }) => [entry.id, entry.phase])).toEqual([[open.id, 'lobby'], [room.id, 'summary']]);
        expect(listed[1]).toEqual({ id: room.id, code: room.code, cohortId: cohort.id, createdAt: expect.any(Number), endedAt: annLive[0]?.endedAt, phase: 'summary' });
        expect((await get(app, '/api/live/rooms', trainer.cookies)).json()).toEqual({ rooms: [] });
        expect((await get(app, '/api/live/rooms', manager.cookies)).statusCode).toBe(403);
        const saved = await get(app, `/api/live/rooms/by-id/${room.id}/summary`, admin.cookies);
        expect(saved.json()).toEqual({ room: listed[1] && { ...listed[1], phase: undefined }, summary: JSON.parse(JSON.stringify(summary)) });
        expect(saved.json().summary.participants.map((entry: { name: string }) => entry.name).sort()).toEqual(['Ann', 'Bob', 'guest']);
        expect((await get(app, `/api/live/rooms/by-id/${room.id}/summary`, (await signInStaff(app, 'admin', 'second-admin')).cookies)).statusCode).toBe(200);
        for (const [id, who] of [[room.id, trainer], [open.id, admin], [crypto.randomUUID(), admin]] as const) expect((await get(app, `/api/live/rooms/by-id/${id}/summary`, who.cookies)).statusCode).toBe(404);
        expect((await get(app, `/api/live/rooms/by-id/${room.id}/summary`, manager.cookies)).statusCode).toBe(403);
      } finally {
        await app.close();
      }

      // Saving again (a restart, another instance), even with other numbers, changes nothing saved.
      await withDb(target, async (db) => {
        const store = createLiveResultsStore(db);
        const before = await store.sessionsOf(ids.ann);
        const log = (await db.selectFrom('live_events').select('event').where('room_id', '=', room.id).orderBy('seq').execute()).map((row) => row.event as LiveEvent);
        const ended = { room: { id: room.id, code: '', trainerId: admin.id, cohortId: cohort.id, createdAt: new Date() }, state: foldLog(log, library()), seq: log.length, log, library: library() };
        await Promise.all([saveResults(store, ended), saveResults(store, ended)]);
        await store.saveResults(room.id, { ...summary, participants: [] }, [{ participantId: seat(ids.ann), result: { votes: 99, skills: null, overall: null, hotSeat: null } }]);
        expect(await store.sessionsOf(ids.ann)).toEqual(before);
        expect((await store.savedSummary(room.id))?.summary).toEqual(JSON.parse(JSON.stringify(summary)));
        // As if the instance that stored `ended` had stopped before saving: nothing saved yet.
        await db.updateTable('live_rooms').set({ summary: null }).where('id', '=', room.id).execute();
        await db.updateTable('live_trainees').set({ result: null }).where('room_id', '=', room.id).execute();
      });

      // A restarted server saves what was missing, from the log, before anyone asks.
      app = await start();
      expect((await liveOf(app, ids.ann, manager.cookies)).map((row) => row.hotSeat?.followed)).toEqual([1]);
      expect((await get(app, `/api/live/rooms/by-id/${room.id}/summary`, admin.cookies)).json().summary).toEqual(JSON.parse(JSON.stringify(summary)));


      // Deleting a trainee (by the manager, or themselves) deletes their live results, not the room's or anyone else's.
      expect((await app.inject({ method: 'DELETE', url: `/api/trainees/${ids.ann}`, cookies: manager.cookies })).statusCode).toBe(204);
      expect(await liveOf(app, ids.bob, manager.cookies)).toHaveLength(1);
      expect((await app.inject({ method: 'DELETE', url: '/api/me', cookies: cookies.bob })).statusCode).toBe(204);
      const saved = await get(app, `/api/live/rooms/by-id/${room.id}/summary`, admin.cookies);
      expect(saved.statusCode).toBe(200);
      await app.inject({ method: 'PUT', url: '/api/settings/retention', cookies: admin.cookies, payload: { days: 30 } });
      await app.close();
      expect(await withDb(target, (db) => db.selectFrom('live_trainees').selectAll().execute())).toEqual([]);

      // The retention period takes the room, with its log and summary, once it is older than the period.
      await (await start({ clock: () => new Date(Date.now() + 40 * 24 * 60 * 60 * 1000) })).close();
      expect(await withDb(target, (db) => db.selectFrom('live_rooms').select('id').where('id', '=', room.id).execute())).toEqual([]);
    }), 90_000);
});
