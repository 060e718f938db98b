import { z } from 'zod';
import type { RoomView } from './views.ts';

/**
 * What a live room's sockets may send, as closed schemas (unknown fields refused, every string and
 * number bounded). A message says what the sender wants; the server adds who they are (their
 * participant id, from the token) and when (`at`, its own clock), so neither can be forged.
 */

const choice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reply'), reply: z.string().min(1).max(100) }),
  z.strictObject({ kind: z.literal('breath') }),
  z.strictObject({ kind: z.literal('silence') }),
]);

const id = z.string().min(1).max(100);
const name = z.string().min(1).max(200);
const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });

/** A participant's phone: join with a name, rejoin with the token it was given, vote as itself, leave. */
export const participantMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join'), name }),
  z.strictObject({ type: z.literal('rejoin'), token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }),
  z.strictObject({ type: z.literal('vote'), choice }),
  bare('leave'),
]);

/** The events only the room's trainer may send (`at` is stamped by the server). */
const trainerEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('started'),
    scenarios: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9_-]*$/).max(64), version: z.int().min(1).max(1_000_000) })).min(1).max(20),
    seed: z.int().min(0).max(4294967295),
    roster: z.array(z.strictObject({ id, name })).max(200),
    rotation: z.discriminatedUnion('every', [z.strictObject({ every: z.literal('scenario') }), z.strictObject({ every: z.literal('decisions'), n: z.int().min(1).max(100) })]),
  }),
  z.strictObject({ type: z.literal('voteOpened'), durationMs: z.int().min(1000).max(60 * 60 * 1000).nullable() }),
  bare('voteClosed'),
  z.strictObject({ type: z.literal('handsCounted'), counts: z.array(z.strictObject({ choice, count: z.int().min(0).max(10_000) })).max(20) }),
  z.discriminatedUnion('source', [
    z.strictObject({ type: z.literal('decided'), source: z.enum(['hotSeat', 'majority']) }),
    z.strictObject({ type: z.literal('decided'), source: z.literal('trainer'), choice }),
  ]),
  bare('revealed'),
  bare('advanced'),
  bare('paused'),
  bare('resumed'),
  bare('undone'),
  bare('skipped'),
  bare('ended'),
]);

export const controllerMessage = z.strictObject({ type: z.literal('event'), event: trainerEvent });

export type ParticipantMessage = z.infer<typeof participantMessage>;
export type ControllerMessage = z.infer<typeof controllerMessage>;

/** The message a socket sent, if it parses as JSON and fits the schema; else why not. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: string): { ok: true; message: T } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'a message must be JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, reason: `malformed message: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ')}` };
}

/** What a room sends its screens: the new snapshot after every accepted event, a refusal (to the sender only), a phone's welcome (with its token after a first join). */
export type RoomMessage =
  | { type: 'state'; seq: number; view: RoomView }
  | { type: 'rejected'; reason: string }
  | { type: 'welcome'; token?: string }
  | { type: 'error'; reason: string };
