import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import type { ControllerView } from '../../src/index.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { traineeParticipantId } from '../../server/live/socket.ts';
import { createCohort, DATABASES, joinCohort, signInStaff, withDatabase, type Cookies } from './harness.ts';
import { listening, openRoom, Peer, type ServerMessage } from './liveSockets.ts';

const participantsOf = (message: ServerMessage) => (message.view as ControllerView).state.participants;

async function seatsOf(target: DatabaseTarget, roomId: string): Promise<{ participant_id: string; trainee_id: string }[]> {
  const db = await openDatabase(target);
  try {
    return await db.selectFrom('live_trainees').select(['participant_id', 'trainee_id']).where('room_id', '=', roomId).orderBy('participant_id').execute();
  } finally {
    await db.destroy();
  }
}

const idOf = async (app: FastifyInstance, cookies: Cookies): Promise<string> => (await app.inject({ method: 'GET', url: '/api/me', cookies })).json().id;

describe.each(DATABASES)('trainees in a live room (%s)', (kind) => {
  test('a signed-in trainee of the room’s cohort joins as themselves, under an id the server derives; another cohort’s trainee is a guest', () =>
    withDatabase(kind, async (start, target) => {
      const app = await start();
      // Read once the server is closed (a PGlite folder has one user at a time).
      const expectedSeats: Record<string, { participant_id: string; trainee_id: string }[]> = {};
      try {
        const host = await listening(app);
        const origin = `http://${host}`;
        const admin = await signInStaff(app, 'admin');
        const manager = await signInStaff(app, 'manager');
        const cohort = await createCohort(app, manager);
        const other = await createCohort(app, manager, 'Another intake');
        const ann = await joinCohort(app, cohort.joinCode, 'Ann');
        const zed = await joinCohort(app, other.joinCode, 'Zed');
        const annId = await idOf(app, ann);
        const room = await openRoom(app, admin, cohort.id);
        const plain = await openRoom(app, admin);

        // The room's public answer offers Ann a one-tap join under her own name; nobody else.
        const you = async (code: string, cookies?: Cookies) => (await app.inject({ method: 'GET', url: `/api/live/rooms/${code}`, ...(cookies ? { cookies } : {}) })).json().you;
        expect(await you(room.code, ann)).toEqual({ name: 'Ann' });
        expect(await you(room.code, zed)).toBeNull();
        expect(await you(room.code)).toBeNull();
        expect(await you(plain.code, ann)).toBeNull();

        const controller = await Peer.open(host, room.code, { controller: true, cookies: admin.cookies, origin });
        await controller.state();
        // Whatever name her phone sends, Ann joins as Ann.
        const annPhone = await Peer.open(host, room.code, { cookies: ann, origin });
        annPhone.send({ type: 'join', name: 'Mallory' });
        const annToken = (await annPhone.next((m) => m.type === 'welcome')).token as string;
        const annSeat = traineeParticipantId(room.id, annId);
        expect(participantsOf(await controller.state((view) => view.state.participants.length === 1))).toEqual([{ id: annSeat, name: 'Ann', present: true }]);
        expect((await annPhone.state()).view.you).toEqual({ name: 'Ann', present: true, hotSeat: false });

        // A trainee of another cohort joins as a guest: a token, the name typed, no seat.
        const zedPhone = await Peer.open(host, room.code, { cookies: zed, origin });
        zedPhone.send({ type: 'join', name: 'Zed' });
        expect((await zedPhone.next((m) => m.type === 'welcome')).token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const joined = participantsOf(await controller.state((view) => view.state.participants.length === 2));
        expect(joined[1]?.name).toBe('Zed');
        expect(joined[1]?.id).not.toBe(traineeParticipantId(room.id, await idOf(app, zed)));

        // Her phone back with its token is Ann; so is a second phone of hers with any token: the cookie decides, no new participant.
        const annBack = await Peer.open(host, room.code, { cookies: ann, origin });
        annBack.send({ type: 'rejoin', token: annToken });
        expect((await annBack.state()).view.you?.name).toBe('Ann');
        const annAgain = await Peer.open(host, room.code, { cookies: ann, origin });
        annAgain.send({ type: 'rejoin', token: 'y'.repeat(43) });
        expect(await annAgain.next((m) => m.type === 'welcome')).toEqual({ type: 'welcome' });
        expect((await annAgain.state()).view.you?.name).toBe('Ann');
        annAgain.send({ type: 'leave' });
        await controller.state((view) => view.state.participants[0]?.present === false, 'Ann leaving');
        annAgain.send({ type: 'join', name: 'Someone else' });
        expect(participantsOf(await controller.state((view) => view.state.participants[0]?.present === true, 'Ann back'))).toHaveLength(2);
        expectedSeats[room.id] = [{ participant_id: annSeat, trainee_id: annId }];

        // Without a cohort, a room has no trainees: Ann is a guest there, under the name she types.
        const plainController = await Peer.open(host, plain.code, { controller: true, cookies: admin.cookies, origin });
        await plainController.state();
        const annAsGuest = await Peer.open(host, plain.code, { cookies: ann, origin });
        annAsGuest.send({ type: 'join', name: 'Annie' });
        expect((await annAsGuest.next((m) => m.type === 'welcome')).token).toBeTruthy();
        expect(participantsOf(await plainController.state((view) => view.state.participants.length === 1))[0]?.name).toBe('Annie');
        expectedSeats[plain.id] = [];

        // Without her cookie her token is nobody's (the trainee's id comes from no token), and a made-up cookie is nobody either.
        const tokenOnly = await Peer.open(host, room.code, { origin });
        tokenOnly.send({ type: 'rejoin', token: annToken });
        expect((await tokenOnly.rejection()).reason).toMatch(/join with a name/);
        const forged = await Peer.open(host, room.code, { cookies: { htl_session: 'y'.repeat(43) }, origin });
        forged.send({ type: 'rejoin', token: 'y'.repeat(43) });
        expect((await forged.rejection()).reason).toMatch(/join with a name/);
      } finally {
        await app.close();
      }
      expect(Object.keys(expectedSeats)).toHaveLength(2);
      for (const [roomId, seats] of Object.entries(expectedSeats)) expect(await seatsOf(target, roomId)).toEqual(seats);
    }), 60_000);
});
