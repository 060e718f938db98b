import { randomUUID } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Scenario } from '../../src/index.ts';
import { formatCode, normalizeCode, randomCode } from '../auth/codes.ts';
import { requireStaff, staffOf } from '../auth/staffSession.ts';
import type { RouteContext } from '../context.ts';
import { originOf } from '../origin.ts';
import { SESSION_COOKIE, sessionHashOf, STAFF_COOKIE } from '../session.ts';
import type { LiveRoom } from './roomStore.ts';
import { saveResults } from './results.ts';
import type { RoomListing } from './resultsStore.ts';
import { createRooms } from './rooms.ts';
import { roomSocket, traineeParticipantId, type SocketRole, type TraineeSeat } from './socket.ts';

/** The largest message a room's socket takes; the largest real one (a `started` with a full roster) is well under it. */
const MAX_MESSAGE_BYTES = 16 * 1024;

const closed = (properties: Record<string, object>, required: string[] = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties });
const codeParams = closed({ code: { type: 'string', minLength: 1, maxLength: 20 } });
const roomBody = closed({ cohortId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } }, []);
const idParams = closed({ id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } });
/** At most this many ended rooms are saved at a start (the rest at the next start, or when their trainer asks): a start is never held up long. */
const UNSAVED_PER_START = 50;
/** A trainer's list shows this many of their newest rooms. */
const LISTED_ROOMS = 100;
const described = (room: RoomListing) => ({ id: room.id, code: formatCode(room.code), cohortId: room.cohortId, createdAt: room.createdAt.getTime(), endedAt: room.endedAt?.getTime() ?? null });
const socketQuery = closed({ as: { type: 'string', enum: ['participant', 'controller', 'projector'] } }, []);

/**
 * Live rooms (docs/live.md, "Server"; docs/api.md, "Live"): a trainer (or an admin) opens one and
 * controls it from their signed-in browser; anyone with its code reads its public state and joins
 * from a phone over the room's WebSocket. An ended room's code opens nothing.
 */
export async function liveRoutes(api: FastifyInstance, context: RouteContext): Promise<void> {
  const library = (await Promise.all(context.scenarios.served.map(({ hash }) => context.scenarios.byHash(hash)))).filter((scenario): scenario is Scenario => scenario !== undefined);
  const rooms = createRooms({
    store: context.live,
    coordination: context.liveCoordination,
    idleMs: context.liveIdleMs,
    library,
    clock: context.clock,
    onError: (error) => api.log.error({ err: error }, 'a live room failed (a vote timer, a lease, a forwarded event or LISTEN)'),
    whenEnded: async (ended) => void (await saveResults(context.liveResults, ended)),
  });
  api.addHook('onClose', () => rooms.stop());
  // Rooms that ended while their results went unsaved (an instance stopped between the two) are saved at start, so the trainees' records have them.
  api.addHook('onReady', async () => {
    for (const room of await context.liveResults.unsaved(UNSAVED_PER_START)) {
      await saveResults(context.liveResults, await rooms.current(room)).catch((error: unknown) => api.log.error({ err: error, room: room.id }, 'an ended live room could not be saved'));
    }
  });
  const publicLimit = { rateLimit: { max: context.publicRequestsPerMinute, timeWindow: 60_000 } };

  /** The trainee a request's session cookie signs in, if the room is their cohort's: their phone joins as them. */
  async function seatOf(request: FastifyRequest, room: LiveRoom): Promise<TraineeSeat | null> {
    const tokenHash = sessionHashOf(request, SESSION_COOKIE);
    if (!tokenHash || room.cohortId === null) return null;
    const trainee = await context.liveResults.cohortTrainee(tokenHash, room.cohortId, context.clock());
    if (!trainee) return null;
    const participant = traineeParticipantId(room.id, trainee.id);
    return { participant, name: trainee.name, claim: () => context.liveResults.claimSeat(room.id, participant, trainee.id) };
  }

  await api.register(async (scope) => {
    // Running a class is the trainer's job (and the admin's, who can do everything); a manager reads the results on the dashboard.
    requireStaff(scope, context.staff, ['admin', 'trainer'], context.clock);
    scope.post<{ Body: { cohortId?: string } }>('/live/rooms', { schema: { body: roomBody } }, async (request, reply) => {
      const staff = staffOf(request);
      const cohortId = request.body.cohortId ?? null;
      if (cohortId !== null && !(await context.cohorts.cohortNames()).some((cohort) => cohort.id === cohortId)) return reply.code(404).send({ error: 'no such cohort' });
      const id = randomUUID();
      // A clash among ~10¹² codes of open rooms is rare; drawing again is the simplest cure.
      for (let tries = 0; tries < 5; tries++) {
        const code = randomCode();
        if (await context.live.createRoom({ id, code, trainerId: staff.id, cohortId })) {
          return reply.code(201).send({ id, code: formatCode(code), joinUrl: `${originOf(request, context.publicUrl)}/live.html?code=${formatCode(code)}` });
        }
      }
      throw new Error('could not draw an unused room code');
    });

    // A class is run for any cohort: the trainer sees the cohorts' names (to pick one), never their trainees or results.
    scope.get('/live/cohorts', async () => ({ cohorts: await context.cohorts.cohortNames() }));

    // Afterwards: the trainer's rooms, and an ended room's summary (to print or export once the controller's tab is gone).
    scope.get('/live/rooms', async (request) => {
      const trainerId = staffOf(request).id;
      const listed = await context.liveResults.roomsOf(trainerId, LISTED_ROOMS);
      // An open room's phase is its log's fold (the room is running: the rooms hold it anyway); an ended one is at its summary.
      const phaseOf = async (room: RoomListing) => (room.endedAt ? 'summary' : (await rooms.current({ ...room, trainerId })).state.phase);
      return { rooms: await Promise.all(listed.map(async (room) => ({ ...described(room), phase: await phaseOf(room) }))) };
    });
    scope.get<{ Params: { id: string } }>('/live/rooms/by-id/:id/summary', { schema: { params: idParams } }, async (request, reply) => {
      const staff = staffOf(request);
      const saved = await context.liveResults.savedSummary(request.params.id);
      if (!saved || (saved.trainerId !== staff.id && staff.role !== 'admin')) return reply.code(404).send({ error: 'no such room' });
      if (!saved.room.endedAt) return reply.code(404).send({ error: 'the room has not ended' });
      // Ended but not saved (the instance that stored `ended` stopped before saving): saved now, from the log, as a start would.
      const summary = saved.summary ?? (await saveResults(context.liveResults, await rooms.current({ ...saved.room, trainerId: saved.trainerId })));
      return { room: described(saved.room), summary };
    });
  });

  await api.register(async (scope) => {
    await scope.register(fastifyWebsocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
    const openRoom = async (typed: string): Promise<LiveRoom | undefined> => {
      const code = normalizeCode(typed);
      return code === undefined ? undefined : context.live.openRoom(code);
    };

    scope.get<{ Params: { code: string } }>('/live/rooms/:code', { schema: { params: codeParams }, config: publicLimit }, async (request, reply) => {
      const room = await openRoom(request.params.code);
      if (!room) return reply.code(404).send({ error: 'no such room' });
      const { state } = await rooms.current(room);
      const seat = await seatOf(request, room);
      const you = seat && { name: seat.name };
      return { code: formatCode(room.code), phase: state.phase, paused: state.paused, present: state.participants.filter((participant) => participant.present).length, you };
    });

    // Who each upgraded request is, as the hook below found out before the upgrade.
    const admitted = new WeakMap<FastifyRequest, { room: LiveRoom; who: SocketRole }>();
    const admit = async (request: FastifyRequest<{ Params: { code: string }; Querystring: { as?: string } }>, reply: FastifyReply) => {
      const room = await openRoom(request.params.code);
      if (!room) return reply.code(404).send({ error: 'no such room' });
      // A browser always names the page that opens a socket: another site's page is refused (cross-site WebSocket hijacking).
      const origin = request.headers.origin;
      const sameOrigin = origin === originOf(request, context.publicUrl);
      if (origin !== undefined && !sameOrigin) return reply.code(403).send({ error: 'connections from another site are refused' });
      const as = request.query.as ?? 'participant';
      if (as === 'participant') return void admitted.set(request, { room, who: { role: 'participant', seat: await seatOf(request, room) } });
      // The controller and the projector are the trainer's screens. Their session is checked again
      // before each of the controller's events: signed out (or disabled), the socket stops controlling.
      const tokenHash = sessionHashOf(request, STAFF_COOKIE);
      const isTrainer = async () => Boolean(tokenHash) && (await context.staff.staffOfSession(tokenHash ?? '', context.clock()))?.id === room.trainerId;
      if (!sameOrigin || !(await isTrainer())) return reply.code(403).send({ error: 'only the trainer who opened the room shows or controls it, from this site' });
      admitted.set(request, { room, who: as === 'controller' ? { role: 'controller', isTrainer } : { role: 'projector' } });
    };
    scope.get<{ Params: { code: string }; Querystring: { as?: string } }>(
      '/live/rooms/:code/socket',
      { websocket: true, schema: { params: codeParams, querystring: socketQuery }, config: publicLimit, preHandler: admit },
      (socket, request) => {
        const who = admitted.get(request);
        if (!who) return socket.close(1011, 'not admitted');
        roomSocket(socket, who.room, who.who, rooms, api.log);
      },
    );
  });
}
