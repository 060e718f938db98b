import type { RoomView } from '../../../src/index.ts';
import type { LinkStatus, RoomLink } from '../link.ts';
import { onLocalMessage, openChannel } from './channel.ts';

/**
 * A projector window's link to a room without a server: it hears the snapshots the controller
 * window (same browser, same site) publishes, and asks for the current one as it opens, so a
 * projector reopened mid-session is back at the same moment. It sends nothing: a projector has no controls.
 */
export class LocalLink implements RoomLink<never> {
  private readonly channel: BroadcastChannel;
  private readonly stop: () => void;
  private readonly views = new Set<(view: RoomView) => void>();
  private readonly statuses = new Set<(status: LinkStatus) => void>();
  private last: { view: RoomView; seq: number } | null = null;
  private status: LinkStatus = 'connecting';
  constructor(channelName?: string) {
    this.channel = openChannel(channelName);
    this.stop = onLocalMessage(this.channel, (message) => {
      if (message.type === 'gone') return this.setStatus('reconnecting');
      // One sender, in order: a lower seq is a new session the trainer began, not a stale snapshot.
      if (message.type !== 'state') return;
      this.last = { view: message.view, seq: message.seq };
      this.setStatus('open');
      for (const listener of this.views) listener(message.view);
    });
    this.channel.postMessage({ type: 'hello' });
  }

  /** How many events the room's log held at the last snapshot (what the screens show as `data-seq`); 0 before the first. */
  get seq(): number {
    return this.last?.seq ?? 0;
  }

  onView(listener: (view: RoomView) => void): () => void {
    this.views.add(listener);
    if (this.last) listener(this.last.view);
    return () => this.views.delete(listener);
  }

  onStatus(listener: (status: LinkStatus) => void): () => void {
    this.statuses.add(listener);
    listener(this.status);
    return () => this.statuses.delete(listener);
  }

  /** Nothing is refused: the projector sends nothing. */
  onRejected(): () => void {
    return () => undefined;
  }

  send(message: never): never {
    throw new Error(`a projector sends nothing (${String(message)})`);
  }

  close(): void {
    this.stop();
    this.channel.close();
    this.setStatus('closed');
  }

  private setStatus(status: LinkStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statuses) listener(status);
  }
}
