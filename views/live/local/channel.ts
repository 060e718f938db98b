import type { ProjectorView } from '../../../src/index.ts';

/**
 * What the windows of a room without a server say to each other over one BroadcastChannel: the
 * trainer's controller window runs the room and publishes what the projector may see; a projector
 * window that opens (or reopens) asks for the current snapshot instead of waiting for the next event.
 */
export type LocalMessage =
  /** The room after its `seq`-th event (local: the log's length), as the projector sees it. */
  | { type: 'state'; seq: number; view: ProjectorView }
  /** A projector window asks for the current snapshot. */
  | { type: 'hello' }
  /** The controller window is closing: the projector waits for it to come back. */
  | { type: 'gone' };

/** One channel per browser profile and site: a trainer runs one room without a server at a time. */
export const LOCAL_CHANNEL = 'hold-the-line.live.local';

export const openChannel = (name = LOCAL_CHANNEL) => new BroadcastChannel(name);

/** The messages of the channel that fit this protocol (another version of the page could say something else). */
export function onLocalMessage(channel: BroadcastChannel, listener: (message: LocalMessage) => void): () => void {
  const handle = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<LocalMessage> | null;
    if (data && (data.type === 'hello' || data.type === 'gone' || (data.type === 'state' && typeof data.seq === 'number' && typeof data.view === 'object'))) listener(data as LocalMessage);
  };
  channel.addEventListener('message', handle);
  return () => channel.removeEventListener('message', handle);
}
