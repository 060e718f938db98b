import type { RoomView } from '../../src/index.ts';

/** Whether a screen is hearing its room: `closed` is final (the room ended or refused this screen). */
export type LinkStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * How a live screen hears its room and speaks to it, whether the room runs on the team server (a
 * WebSocket) or in the trainer's controller window (a BroadcastChannel, no server). A screen draws
 * each snapshot it is given and sends messages; it never changes the room itself.
 */
export interface RoomLink<Message> {
  /** Every snapshot from now on (the current one first, as soon as it is known); returns a function that stops listening. */
  onView(listener: (view: RoomView) => void): () => void;
  onStatus(listener: (status: LinkStatus) => void): () => void;
  /** A message of this screen that the room refused, with the reason a person can read. */
  onRejected(listener: (reason: string) => void): () => void;
  send(message: Message): void;
  close(): void;
}
