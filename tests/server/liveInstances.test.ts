import { describe, expect, test } from 'vitest';
import { currentConversation, legalChoices, type Choice, type ControllerView, type LiveEvent, type LiveState } from '../../src/index.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { createLiveCoordination } from '../../server/live/coordination.ts';
import { createRoomStore } from '../../server/live/roomStore.ts';
import { DATABASES, signInStaff, withDatabase, type SignedInStaff } from './harness.ts';
import { library, newRoom, roomsOn, storedLog, waitUntil, withRoomStore } from './liveRoomsOn.ts';
import { listening, openRoom, Peer, type ServerMessage } from './liveSockets.ts';

const HOUR = 60 * 60 * 1000;
const stateOf = (message: ServerMessage): LiveState => (message.view as ControllerView).state;
function firstScenario() {
  const [scenario] = library();
  if (!scenario) throw new Error('the test library is empty');
  return scenario;
}
const started = () => {
  const scenario = firstScenario();
  return { type: 'started' as const, scenarios: [{ id: scenario.id, version: scenario.version }], seed: 3, roster: [], rotation: { every: 'scenario' as const } };
};

/** Numbered 1, 2, … without a gap, and no event twice (every event carries its own `at`). */
function expectEachOnce(log: { seq: number; event: LiveEvent }[]): void {
  expect(log.map((row) => row.seq)).toEqual(log.map((_row, index) => index + 1));
  expect(new Set(log.map((row) => JSON.stringify(row.event))).size).toBe(log.length);
  expect(log.filter((row) => row.event.type === 'voteClosed')).toHaveLength(1);
}

const controllerOn = (host: string, code: string, trainer: SignedInStaff) => Peer.open(host, code, { controller: true, cookies: trainer.cookies, origin: `http://${host}` });

describe.each(DATABASES)('live rooms across restarts and instances (%s)', (kind) => {
  test('a server restarted mid-vote resumes the vote with only the time it had left, and closes it once', () =>
    withDatabase(kind, async (start, target) => {
      let offset = 0;
      const clock = () => new Date(Date.now() + offset);
      let app = await start({ clock });
      let host = await listening(app);
      const trainer = await signInStaff(app, 'trainer');
      const room = await openRoom(app, trainer);
      let controller = await controllerOn(host, room.code, trainer);
      controller.send({ type: 'event', event: started() });
      controller.send({ type: 'event', event: { type: 'voteOpened', durationMs: 30_000 } });
      const opened = stateOf(await controller.state((view) => view.state.vote?.open === true));
      await app.close();

      // The server is down for 28 s of the vote's 30: a resumed timer has 2 s left, not 30.
      offset += 28_000;
      app = await start({ clock });
      const restartedAt = Date.now();
      try {
        host = await listening(app);
        controller = await controllerOn(host, room.code, trainer);
        expect(stateOf(await controller.state()).vote?.open).toBe(true);
        const closed = stateOf(await controller.state((view) => view.state.vote?.open === false, 'the resumed timer'));
        expect(Date.now() - restartedAt).toBeLessThan(10_000);
        expect(closed.vote?.since).toBe((opened.vote?.since ?? NaN) + 30_000);
      } finally {
        await app.close();
      }
      expectEachOnce(await storedLog(target, room.id));
    }), 60_000);

  test('a room where nothing happened for the idle time is ended by its owner, and its code stops working', () =>
    withRoomStore(kind, async (store, trainerId, db) => {
      let now = Date.now();
      const ended: string[] = [];
      const rooms = roomsOn(store, db, { clock: () => new Date(now), idleMs: 12 * HOUR, whenEnded: async ({ room }) => void ended.push(room.id) });
      try {
        const [quiet, busy, empty] = [await newRoom(store, trainerId), await newRoom(store, trainerId), await newRoom(store, trainerId)];
        expect(await rooms.append(quiet, { type: 'joined', participant: 'ann', name: 'Ann' })).toEqual({ ok: true });
        now += 11 * HOUR;
        expect(await rooms.append(busy, { type: 'joined', participant: 'bob', name: 'Bob' })).toEqual({ ok: true });
        await rooms.expireIdle();
        expect(ended).toEqual([]);

        // 13 hours after the quiet room's last event (and the empty room's opening), 2 after the busy room's.
        now += 2 * HOUR;
        await rooms.expireIdle();
        expect(ended.sort()).toEqual([quiet.id, empty.id].sort());
        expect(await store.openRoom(quiet.code)).toBeUndefined();
        expect(await store.openRoom(empty.code)).toBeUndefined();
        expect(await store.openRoom(busy.code)).toBeDefined();
        expect((await store.events(quiet.id)).map((event) => [event.type, event.at])).toEqual([['joined', now - 13 * HOUR], ['ended', now]]);
        expect((await rooms.append(quiet, { type: 'joined', participant: 'cas', name: 'Cas' })).ok).toBe(false);
      } finally {
        await rooms.stop();
      }
    }));

  test('an event for a room whose owner does not answer is taken back after a bounded wait: the sender hears the room is busy, and it is never applied', () =>
    withRoomStore(kind, async (store, trainerId, db) => {
      const room = await newRoom(store, trainerId);
      // An instance that holds the room's lease and then hangs: it renews nothing and answers nothing.
      const coordination = createLiveCoordination(db);
      expect(await coordination.lease(room.id, 'a hung instance', 60_000)).toBe(true);
      const rooms = roomsOn(store, db, { forwardWaitMs: 300 });
      try {
        const asked = Date.now();
        expect(await rooms.append(room, { type: 'joined', participant: 'ann', name: 'Ann' })).toEqual({ ok: false, reason: 'the room is busy: try again' });
        expect(Date.now() - asked).toBeLessThan(2_000);
        expect(await coordination.take(room.id)).toEqual([]);
        // When its lease is free again, the next event finds an owner (this instance) and is applied.
        await coordination.release(room.id, 'a hung instance');
        expect(await rooms.append(room, { type: 'joined', participant: 'ann', name: 'Ann' })).toEqual({ ok: true });
        expect((await store.events(room.id)).map((event) => event.type)).toEqual(['joined']);
      } finally {
        await rooms.stop();
      }
    }));
});

// PostgreSQL only: one PGlite folder belongs to one process.
test('two instances on one PostgreSQL serve one room: events sent to either are applied once by the owner and reach sockets on both; when the owner stops, the other takes the room over and its vote still closes once (PostgreSQL only)', () =>
  withDatabase('postgres', async (start, target) => {
    // One after the other: the first start's first-admin link is voided by any later start that finds no admin yet.
    const a = await start();
    const trainer = await signInStaff(a, 'trainer');
    const b = await start();
    let roomId = '';
    try {
      const [hostA, hostB] = [await listening(a), await listening(b)];
      const room = await openRoom(a, trainer);
      roomId = room.id;
      // The trainer's controller on A, a second screen of theirs on B, a phone on each.
      const [onA, onB] = [await controllerOn(hostA, room.code, trainer), await controllerOn(hostB, room.code, trainer)];
      const [ann, bob] = [await Peer.open(hostA, room.code), await Peer.open(hostB, room.code)];
      onA.send({ type: 'event', event: started() });
      await onB.state((view) => view.state.phase === 'presenting');
      ann.send({ type: 'join', name: 'Ann' });
      bob.send({ type: 'join', name: 'Bob' });
      for (const screen of [onA, onB]) await screen.state((view) => view.state.participants.length === 2, 'both phones in the room');

      // B's controller opens the vote (forwarded to A, which owns the room); each phone votes on its own instance.
      onB.send({ type: 'event', event: { type: 'voteOpened', durationMs: 4_000 } });
      const voting = stateOf(await onA.state((view) => view.state.vote?.open === true));
      const [first, second] = legalChoices(firstScenario(), currentConversation(voting)) as [Choice, Choice];
      ann.send({ type: 'vote', choice: first });
      bob.send({ type: 'vote', choice: second });
      for (const screen of [onA, onB]) await screen.state((view) => Object.keys(view.state.vote?.votes ?? {}).length === 2, 'both votes');
      await ann.state((view) => view.vote?.voters === 2, 'both votes on Ann’s phone');
      await bob.state((view) => view.vote?.voters === 2, 'both votes on Bob’s phone');
      // A vote again for the same move, through B, is judged by the owner and refused to the sender.
      bob.send({ type: 'vote', choice: second });
      expect((await bob.rejection()).reason).toMatch(/already|same/i);

      // A stops (and gives its lease up): B, with sockets in the room, takes it over and the vote's timer goes on there.
      await a.close();
      const closed = stateOf(await onB.state((view) => view.state.vote?.open === false, 'the vote closed by B'));
      expect(closed.vote?.since).toBe((voting.vote?.since ?? NaN) + 4_000);
      await bob.state((view) => view.vote?.open === false);
      onB.send({ type: 'event', event: { type: 'ended' } });
      await bob.state((view) => view.phase === 'summary');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const log = await storedLog(target, roomId);
    expect(log.filter((row) => row.event.type === 'voteCast')).toHaveLength(2);
    expectEachOnce(await storedLog(target, roomId));
  }), 60_000);

test('an owner that loses its database is replaced once its lease lapses, and the vote it was timing still closes once (PostgreSQL only)', () =>
  withRoomStore('postgres', async (store, trainerId, db, target) => {
    const lost = await openDatabase(target);
    const errors: unknown[] = [];
    const one = roomsOn(createRoomStore(lost), lost, { leaseMs: 600, onError: (error) => errors.push(error) });
    const two = roomsOn(store, db, { leaseMs: 600 });
    try {
      const room = await newRoom(store, trainerId);
      // Both have sockets in the room: both want it.
      const unlisten = await Promise.all([one, two].map((rooms) => rooms.listen(room, () => undefined)));
      expect(await one.append(room, started())).toEqual({ ok: true });
      expect(await one.append(room, { type: 'voteOpened', durationMs: 3_000 })).toEqual({ ok: true });
      const opened = (await one.current(room)).state.vote;
      // While `one` renews its lease, `two` never gets it.
      const owner = async () => (await db.selectFrom('live_leases' as never).select('owner' as never).executeTakeFirst()) as { owner: string } | undefined;
      const first = await owner();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await owner()).toEqual(first);
      await lost.destroy();
      await waitUntil(async () => (await two.current(room)).state.vote?.open === false, 'the new owner to close the vote');
      expect((await owner())?.owner).not.toBe(first?.owner);
      const log = (await store.events(room.id)).map((event, index) => ({ seq: index + 1, event }));
      expectEachOnce(log);
      expect(log.at(-1)?.event).toEqual({ type: 'voteClosed', at: (opened?.since ?? NaN) + 3_000 });
      for (const stop of unlisten) stop();
    } finally {
      await one.stop();
      await two.stop();
    }
  }));
