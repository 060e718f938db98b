import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { hashToken, randomToken } from '../auth/codes.ts';
import { controllerMessage, parseMessage, participantMessage, viewFor, type ParticipantMessage, type Viewer } from '../../src/index.ts';
import type { LiveRoom } from './roomStore.ts';
import type { Rooms, RoomState } from './rooms.ts';
import { summaryOf } from './summaries.ts';

/**
 * Who a socket is, as the upgrade found out: the room's trainer at the controller (their session
 * checked again before each event) or at the projector (read-only), or a phone.
 */
export type SocketRole = { role: 'controller'; isTrainer: () => Promise<boolean> } | { role: 'projector' } | { role: 'participant'; seat: TraineeSeat | null };

/**
 * A phone signed in as a trainee of the room's cohort: it joins as that trainee, under an id the
 * server derives from the trainee and the room and with their stored name, whatever the message says.
 * It is given a token like any phone, so it rejoins the same way, but the cookie decides who it is.
 */
export interface TraineeSeat {
  participant: string;
  name: string;
  /** Notes who the participant is, so the room's results reach the trainee's record. */
  claim: () => Promise<void>;
}

/** A class, not a crowd: a room refuses joins beyond this, so a flood of phones cannot grow its log without end. */
export const MAX_PARTICIPANTS = 200;
/** Far more than a person sends; beyond it a socket's messages are refused unread for the rest of the window. */
export const MESSAGES_PER_WINDOW = 30;
const WINDOW_MS = 10_000;
const POLICY_VIOLATION = 1008;

function messageBudget(): () => boolean {
  let windowStart = Date.now();
  let used = 0;
  return () => {
    if (Date.now() - windowStart >= WINDOW_MS) [windowStart, used] = [Date.now(), 0];
    return ++used <= MESSAGES_PER_WINDOW;
  };
}

/**
 * A participant's id in the log is derived from the token their phone keeps, so the server stores
 * no token and the log (or the controller, who sees ids) cannot be used to rejoin as someone else.
 */
export const participantIdOf = (token: string): string => hashToken(`live-participant:${token}`).slice(0, 32);

/** A trainee's participant id in a room: the same on every phone and every rejoin, never one a token gives. */
export const traineeParticipantId = (roomId: string, traineeId: string): string => hashToken(`live-trainee:${roomId}:${traineeId}`).slice(0, 32);

/**
 * One socket of a room: the controller (the room's trainer, checked at the upgrade) sends trainer
 * events; the projector only listens; a phone joins, rejoins with its token, votes as itself and
 * leaves. Each accepted event reaches every socket of the room as its own view of the new state
 * (with the session's summary once it ends); a refusal goes to the sender only.
 */
export function roomSocket(socket: WebSocket, room: LiveRoom, who: SocketRole, rooms: Rooms, log: FastifyBaseLogger): void {
  let participant: string | null = null;
  const budget = messageBudget();
  let stopListening: (() => void) | null = null;
  let closed = false;

  const send = (message: object) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const viewer = (): Viewer => (who.role === 'participant' ? { role: 'participant', participant: participant ?? '' } : { role: who.role });
  const push = (current: RoomState) => send({ type: 'state', seq: current.seq, view: viewFor(current.state, viewer(), summaryOf(current)) });
  const refuse = (reason: string) => send({ type: 'rejected', reason });

  /** From now on this socket hears every accepted event; it gets the state as it is at once. */
  async function listen(): Promise<void> {
    if (stopListening) return;
    const stop = await rooms.listen(room, push);
    if (closed) return void stop();
    stopListening = stop;
    push(await rooms.current(room));
  }

  async function asParticipant(message: ParticipantMessage): Promise<void> {
    if (message.type === 'join' || message.type === 'rejoin') {
      if (participant !== null) return refuse('this phone has already joined');
      const seat = who.role === 'participant' ? who.seat : null;
      const token = message.type === 'join' ? randomToken() : message.token;
      const id = seat?.participant ?? participantIdOf(token);
      const { participants } = (await rooms.current(room)).state;
      const known = participants.find((p) => p.id === id);
      if (message.type === 'rejoin' && !known && !seat) return refuse('this room does not know that phone: join with a name');
      if (!known && participants.length >= MAX_PARTICIPANTS) return refuse(`a room holds at most ${MAX_PARTICIPANTS} participants`);
      // Back after `left` (or a first join): a `joined` event; still present after a lost connection: nothing to log.
      if (!known?.present) {
        await seat?.claim();
        const name = seat?.name ?? (message.type === 'join' ? message.name : (known?.name ?? ''));
        const verdict = await rooms.append(room, { type: 'joined', participant: id, name });
        if (!verdict.ok) return refuse(verdict.reason);
      }
      participant = id;
      send(message.type === 'join' ? { type: 'welcome', token } : { type: 'welcome' });
      return listen();
    }
    if (participant === null) return refuse('join the room first');
    const verdict = await rooms.append(room, message.type === 'vote' ? { type: 'voteCast', participant, choice: message.choice } : { type: 'left', participant });
    if (!verdict.ok) return refuse(verdict.reason);
    // Gone from the room, the phone may rejoin with its token later, on this socket or another.
    if (message.type === 'leave') participant = null;
  }

  async function onMessage(raw: string): Promise<void> {
    if (who.role === 'projector') return refuse('the projector only shows the room: steer it from the controller');
    if (who.role === 'controller') {
      if (!(await who.isTrainer())) return void socket.close(POLICY_VIOLATION, 'the trainer is no longer signed in');
      const parsed = parseMessage(controllerMessage, raw);
      if (!parsed.ok) return refuse(parsed.reason);
      const verdict = await rooms.append(room, parsed.message.event);
      if (!verdict.ok) refuse(verdict.reason);
      return;
    }
    const parsed = parseMessage(participantMessage, raw);
    return parsed.ok ? asParticipant(parsed.message) : refuse(parsed.reason);
  }

  // Handlers are attached before any waiting, so no early message is lost; messages are handled one at a time, in order.
  let queue: Promise<void> = who.role === 'participant' ? Promise.resolve() : listen();
  socket.on('message', (data, isBinary) => {
    // Counted as they arrive, so a flood is refused before it queues up.
    if (!budget()) return refuse(`more than ${MESSAGES_PER_WINDOW} messages in ${WINDOW_MS / 1000} s: wait a moment`);
    queue = queue
      .then(() => onMessage(isBinary ? '' : String(data)))
      .catch((error: unknown) => {
        log.error({ err: error }, 'a live room message failed');
        send({ type: 'error', reason: 'internal error' });
      });
  });
  socket.on('close', () => {
    closed = true;
    stopListening?.();
  });
}
