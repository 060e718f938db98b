import { describe, expect, test } from 'vitest';
import { currentConversation, foldLog, legalChoices, type Choice, type ControllerView, type LiveEvent, type LiveState } from '../../src/index.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { createCohort, DATABASES, signIn, signInStaff, testLibrary, withDatabase } from './harness.ts';
import { MESSAGES_PER_WINDOW } from '../../server/live/socket.ts';
import { listening, openRoom, Peer, refusedStatus, WAIT_MS, type ServerMessage } from './liveSockets.ts';

const library = () => testLibrary().map(({ scenario }) => scenario);
function firstScenario() {
  const [scenario] = library();
  if (!scenario) throw new Error('the test library is empty');
  return scenario;
}

async function storedLog(target: DatabaseTarget, roomId: string): Promise<{ seq: number; event: LiveEvent }[]> {
  const db = await openDatabase(target);
  try {
    return await db.selectFrom('live_events').select(['seq', 'event']).where('room_id', '=', roomId).orderBy('seq').execute();
  } finally {
    await db.destroy();
  }
}

const stateOf = (message: ServerMessage): LiveState => (message.view as ControllerView).state;
/** Whether the controller's view has this participant present (undefined: not in the room). */
const presence = (view: ServerMessage, id: string): boolean | undefined => (view as unknown as ControllerView).state.participants.find((p) => p.id === id)?.present;

describe.each(DATABASES)('live rooms (%s)', (kind) => {
  test('a trainer or an admin opens a room; a manager, a trainee and a stranger cannot; its code shows public facts only', () =>
    withDatabase(kind, async (start) => {
      const app = await start();
      try {
        const trainer = await signInStaff(app, 'trainer');
        const room = await openRoom(app, trainer);
        expect(room.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
        expect(room.joinUrl).toMatch(new RegExp(`^https?://[^/]+/live\\.html\\?code=${room.code}$`));
        await openRoom(app, await signInStaff(app, 'admin'));
        const manager = await signInStaff(app, 'manager');
        expect((await app.inject({ method: 'POST', url: '/api/live/rooms', cookies: manager.cookies, payload: {} })).statusCode).toBe(403);
        expect((await app.inject({ method: 'POST', url: '/api/live/rooms', cookies: await signIn(app), payload: {} })).statusCode).toBe(401);
        expect((await app.inject({ method: 'POST', url: '/api/live/rooms', payload: {} })).statusCode).toBe(401);
        // A trainer runs a class for any cohort, knowing it by name only; an unknown cohort is refused, and so is any field beyond the schema's.
        const cohort = await createCohort(app, manager, 'December intake');
        const listed = await app.inject({ method: 'GET', url: '/api/live/cohorts', cookies: trainer.cookies });
        // Names only, the newest first (the harness's own cohort after it).
        expect(listed.json().cohorts[0]).toEqual({ id: cohort.id, name: 'December intake' });
        expect(Object.keys(listed.json().cohorts[1])).toEqual(['id', 'name']);
        expect((await app.inject({ method: 'GET', url: '/api/live/cohorts', cookies: manager.cookies })).statusCode).toBe(403);
        expect((await openRoom(app, trainer, cohort.id)).code).toMatch(/-/);
        expect((await app.inject({ method: 'POST', url: '/api/live/rooms', cookies: trainer.cookies, payload: { cohortId: crypto.randomUUID() } })).statusCode).toBe(404);
        expect((await app.inject({ method: 'POST', url: '/api/live/rooms', cookies: trainer.cookies, payload: { trainerId: manager.id } })).statusCode).toBe(400);

        const info = await app.inject({ method: 'GET', url: `/api/live/rooms/${room.code.toLowerCase()}` });
        expect(info.json()).toEqual({ code: room.code, phase: 'lobby', paused: false, present: 0, you: null });
        expect((await app.inject({ method: 'GET', url: '/api/live/rooms/ABCD-EFGH' })).statusCode).toBe(404);
        expect((await app.inject({ method: 'GET', url: '/api/live/rooms/not-a-code' })).statusCode).toBe(404);
      } finally {
        await app.close();
      }
    }));

  test('phones join and vote as themselves, the trainer steers, the log is what was accepted, and a restarted server resumes the room', () =>
    withDatabase(kind, async (start, target) => {
      let app = await start();
      let host = await listening(app);
      const trainer = await signInStaff(app, 'trainer');
      const room = await openRoom(app, trainer);
      const origin = () => `http://${host}`;

      // Only the trainer who opened the room, from this site, controls it.
      expect(await refusedStatus(host, room.code, { controller: true, cookies: trainer.cookies })).toBe(403);
      expect(await refusedStatus(host, room.code, { controller: true, cookies: trainer.cookies, origin: 'https://evil.example' })).toBe(403);
      expect(await refusedStatus(host, room.code, { controller: true, cookies: (await signInStaff(app, 'trainer')).cookies, origin: origin() })).toBe(403);
      expect(await refusedStatus(host, room.code, { controller: true, cookies: (await signInStaff(app, 'admin')).cookies, origin: origin() })).toBe(403);
      expect(await refusedStatus(host, room.code, { controller: true, origin: origin() })).toBe(403);
      expect(await refusedStatus(host, room.code, { origin: 'https://evil.example' })).toBe(403);
      // The projector is the trainer's screen too: the same check.
      expect(await refusedStatus(host, room.code, { projector: true, origin: origin() })).toBe(403);
      expect(await refusedStatus(host, room.code, { projector: true, cookies: trainer.cookies })).toBe(403);
      expect(await refusedStatus(host, room.code, { projector: true, cookies: trainer.cookies, origin: 'https://evil.example' })).toBe(403);
      expect(await refusedStatus(host, room.code, { projector: true, cookies: (await signInStaff(app, 'trainer')).cookies, origin: origin() })).toBe(403);
      expect(await refusedStatus(host, 'ABCD-EFGH')).toBe(404);

      let controller = await Peer.open(host, room.code, { controller: true, cookies: trainer.cookies, origin: origin() });
      expect(stateOf(await controller.state()).phase).toBe('lobby');

      const hostile = `<img src=x onerror=alert(1)>'); DROP TABLE live_events;--`;
      const ann = await Peer.open(host, room.code, { origin: origin() });
      ann.send({ type: 'join', name: 'Ann' });
      const annToken = (await ann.next((m) => m.type === 'welcome')).token as string;
      const bob = await Peer.open(host, room.code);
      bob.send({ type: 'join', name: hostile });
      const bobToken = (await bob.next((m) => m.type === 'welcome')).token as string;
      const lobby = stateOf(await controller.state((view) => view.state.participants.length === 2));
      expect(lobby.participants.map((p) => p.name)).toEqual(['Ann', hostile]);
      const [annId, bobId] = lobby.participants.map((p) => p.id) as [string, string];
      const projector = await Peer.open(host, room.code, { projector: true, cookies: trainer.cookies, origin: origin() });
      expect((await projector.state()).view).toMatchObject({ role: 'projector', phase: 'lobby', names: ['Ann', hostile], present: 2 });
      projector.send({ type: 'event', event: { type: 'ended' } });
      expect((await projector.rejection()).reason).toMatch(/projector only shows/);
      const info = await app.inject({ method: 'GET', url: `/api/live/rooms/${room.code}` });
      expect(info.json()).toEqual({ code: room.code, phase: 'lobby', paused: false, present: 2, you: null });

      const scenario = firstScenario();
      controller.send({ type: 'event', event: { type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 7, roster: [{ id: annId, name: 'Ann' }], rotation: { every: 'scenario' } } });
      controller.send({ type: 'event', event: { type: 'voteOpened', durationMs: null } });
      const voting = stateOf(await controller.state((view) => view.state.phase === 'voting'));
      const [first, second] = legalChoices(scenario, currentConversation(voting)) as [Choice, Choice];

      ann.send({ type: 'vote', choice: first });
      await controller.state((view) => Object.keys(view.state.vote?.votes ?? {}).length === 1, 'Ann’s vote');
      bob.send({ type: 'vote', choice: second });
      bob.send({ type: 'vote', choice: first });
      const tallied = await ann.state((view) => view.vote?.voters === 2 && view.vote.tallies[0]?.count === 2, 'two votes for the first move');
      expect(tallied.view).toMatchObject({ role: 'participant', you: { name: 'Ann', hotSeat: true }, hotSeat: 'Ann', vote: { open: true }, yourVote: first });

      // A double vote is refused; a vote for someone else cannot even be said; a phone sends no trainer events.
      ann.send({ type: 'vote', choice: first });
      expect((await ann.rejection()).reason).toMatch(/already|same/i);
      ann.send({ type: 'vote', choice: second, participant: bobId });
      expect((await ann.rejection()).reason).toMatch(/malformed/);
      bob.send({ type: 'event', event: { type: 'voteClosed' } });
      expect((await bob.rejection()).reason).toMatch(/malformed/);
      controller.send({ type: 'event', event: { type: 'decided', source: 'majority' } });
      expect((await controller.rejection()).reason).toBeTruthy();

      for (const event of [{ type: 'voteClosed' }, { type: 'decided', source: 'majority' }, { type: 'revealed' }]) controller.send({ type: 'event', event });
      const decided = stateOf(await controller.state((view) => view.state.feedbackShown));
      expect(decided.decisions.map((d) => [d.choice, d.source])).toEqual([[first, 'majority']]);
      controller.send({ type: 'event', event: { type: 'undone' } });
      const undone = await controller.state((view) => view.state.decisions.length === 0);
      await ann.state((view) => view.phase === 'presenting' && view.feedbackShown === false);

      // A phone never hears another participant's id or token.
      for (const text of ann.raw) for (const secret of [bobId, bobToken]) expect(text).not.toContain(secret);
      for (const text of bob.raw) for (const secret of [annId, annToken]) expect(text).not.toContain(secret);
      for (const text of controller.raw) for (const secret of [annToken, bobToken]) expect(text).not.toContain(secret);
      for (const text of projector.raw) for (const secret of [annId, bobId, annToken, bobToken]) expect(text).not.toContain(secret);
      expect((await projector.next((m) => m.seq === undone.seq, 'the undo on the projector')).view).toMatchObject({ phase: 'presenting', decision: null, feedbackShown: false });

      await app.close();
      const log = await storedLog(target, room.id);
      expect(log.map((row) => row.seq)).toEqual(log.map((_row, index) => index + 1));
      expect(log.map((row) => row.event.type)).toEqual(['joined', 'joined', 'started', 'voteOpened', 'voteCast', 'voteCast', 'voteCast', 'voteClosed', 'decided', 'revealed', 'undone']);
      expect(undone.seq).toBe(log.length);
      expect(foldLog(log.map((row) => row.event), library())).toEqual(stateOf(undone));

      // A new server on the same database resumes from the log; Ann's phone rejoins with its token and keeps her vote.
      app = await start();
      host = await listening(app);
      try {
        controller = await Peer.open(host, room.code, { controller: true, cookies: trainer.cookies, origin: `http://${host}` });
        expect(stateOf(await controller.state())).toEqual(stateOf(undone));
        const again = await Peer.open(host, room.code);
        again.send({ type: 'rejoin', token: annToken });
        expect(await again.next((m) => m.type === 'welcome')).toEqual({ type: 'welcome' });
        expect((await again.state()).view).toMatchObject({ you: { name: 'Ann' }, vote: { open: false, voters: 2 }, yourVote: first });
        const stranger = await Peer.open(host, room.code);
        stranger.send({ type: 'rejoin', token: 'x'.repeat(43) });
        expect((await stranger.rejection()).reason).toMatch(/join with a name/);

        // Leaving is an event; the token brings the phone back, on the same socket, with the same name.
        again.send({ type: 'leave' });
        await controller.state((view) => presence(view, annId) === false, 'Ann leaving');
        again.send({ type: 'rejoin', token: annToken });
        expect(await again.next((m) => m.type === 'welcome')).toEqual({ type: 'welcome' });
        expect(stateOf(await controller.state((view) => presence(view, annId) === true, 'Ann back')).participants[0]?.name).toBe('Ann');

        // Every screen gets the summary it may see: the controller all of it, the projector no ids, a phone its own score.
        const reopened = await Peer.open(host, room.code, { projector: true, cookies: trainer.cookies, origin: `http://${host}` });
        await reopened.state((view) => view.phase === 'presenting');
        controller.send({ type: 'event', event: { type: 'ended' } });
        const summary = (await controller.state((view) => view.state.phase === 'summary')).view.summary;
        expect(summary.participants.map((score: { name: string }) => score.name)).toEqual(['Ann', hostile]);
        expect((await reopened.state((view) => view.phase === 'summary')).view.summary).toEqual({ decisions: [], hardest: [] });
        expect((await again.state((view) => view.phase === 'summary')).view.yourScore).toEqual(summary.participants[0]);
        expect((await app.inject({ method: 'GET', url: `/api/live/rooms/${room.code}` })).statusCode).toBe(404);
        expect(await refusedStatus(host, room.code)).toBe(404);
      } finally {
        await app.close();
      }
      expect((await storedLog(target, room.id)).map((row) => row.event.type).slice(-3)).toEqual(['left', 'joined', 'ended']);
    }), 60_000);

  test('a trainer who signs out stops controlling at once, and a socket that floods is refused unread', () =>
    withDatabase(kind, async (start, target) => {
      const app = await start();
      let roomId = '';
      try {
        const host = await listening(app);
        const trainer = await signInStaff(app, 'trainer');
        const room = await openRoom(app, trainer);
        roomId = room.id;
        const phone = await Peer.open(host, room.code);
        for (let i = 0; i < MESSAGES_PER_WINDOW; i++) phone.send({ type: 'leave' });
        phone.send({ type: 'join', name: 'Ann' });
        const reasons: string[] = [];
        for (let i = 0; i <= MESSAGES_PER_WINDOW; i++) reasons.push((await phone.rejection()).reason as string);
        // The flood's last message (a join) is refused unread, ahead of the answers to those queued before it.
        expect(reasons.filter((reason) => reason === 'join the room first')).toHaveLength(MESSAGES_PER_WINDOW);
        expect(reasons.filter((reason) => /wait a moment/.test(reason))).toHaveLength(1);

        const controller = await Peer.open(host, room.code, { controller: true, cookies: trainer.cookies, origin: `http://${host}` });
        await controller.state();
        expect((await app.inject({ method: 'POST', url: '/api/staff/sign-out', cookies: trainer.cookies })).statusCode).toBe(204);
        controller.send({ type: 'event', event: { type: 'ended' } });
        expect(await Promise.race([controller.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), WAIT_MS))])).toBe(1008);
      } finally {
        await app.close();
      }
      expect(await storedLog(target, roomId)).toEqual([]);
    }));

  test('a timed vote closes itself on the server’s clock, and that is logged', () =>
    withDatabase(kind, async (start) => {
      const app = await start();
      try {
        const host = await listening(app);
        const trainer = await signInStaff(app, 'trainer');
        const room = await openRoom(app, trainer);
        const controller = await Peer.open(host, room.code, { controller: true, cookies: trainer.cookies, origin: `http://${host}` });
        const scenario = firstScenario();
        controller.send({ type: 'event', event: { type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 1, roster: [], rotation: { every: 'scenario' } } });
        controller.send({ type: 'event', event: { type: 'voteOpened', durationMs: 1000 } });
        const opened = await controller.state((view) => view.state.vote?.open === true);
        const closed = await controller.state((view) => view.state.vote?.open === false, 'the timer to close the vote');
        expect(closed.seq).toBe(opened.seq + 1);
        expect(stateOf(closed).vote?.since).toBe((stateOf(opened).vote?.since ?? NaN) + 1000);
      } finally {
        await app.close();
      }
    }));
});
