import type { ControllerMessage, ParticipantMessage, RoomMessage, RoomView } from '../../../src/index.ts';
import type { LinkStatus, RoomLink } from '../link.ts';
import { browserEnvironment, SOCKET_OPEN, type SocketEnvironment, type SocketLike } from './environment.ts';

/** Who a socket speaks for: a phone (the default), the room's trainer, or the projector (which only listens). */
export type SocketRole = 'participant' | 'controller' | 'projector';

type MessageOf<Role extends SocketRole> = Role extends 'participant' ? ParticipantMessage : Role extends 'controller' ? ControllerMessage : never;

/** The first wait before reconnecting; each failure doubles it, up to the cap, with jitter so a room's phones do not all return at once. */
export const FIRST_RETRY_MS = 500;
export const MAX_RETRY_MS = 10_000;
/** A page away this long (a locked phone) may hold a socket that looks open but is dead: it starts a fresh one. */
export const STALE_AFTER_MS = 5_000;
/** The server's close code for a socket that may no longer speak (the trainer signed out): reconnecting would not help. */
const POLICY_VIOLATION = 1008;
/** Messages kept while the connection is down, sent once it is back; more is a screen gone wrong. */
const MAX_PENDING = 20;

/** Where a phone keeps its token for a room: per room code, so two rooms never mix. */
export const tokenKey = (code: string) => `hold-the-line.live.token.${normaliseCode(code)}`;
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const socketPath = (code: string, role: SocketRole) => `/api/live/rooms/${encodeURIComponent(code)}/socket${role === 'participant' ? '' : `?as=${role}`}`;

/** How long to wait before the `attempt`-th reconnection (0-based). */
export function retryDelay(attempt: number, random: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return Math.round(base * (0.5 + random / 2));
}

/**
 * A live screen's link to a room on the team server, over the room's WebSocket
 * (`/api/live/rooms/:code/socket[?as=controller|projector]`). It reconnects with a growing wait
 * when the connection drops, and at once when the device wakes; a phone rejoins with the token it
 * was given at its first join (kept per room code), so it keeps its place and its vote. The room
 * ending (its summary, or its code no longer opening a room) or refusing the socket closes the
 * link for good.
 */
export class SocketLink<Role extends SocketRole = 'participant'> implements RoomLink<MessageOf<Role>> {
  private readonly views = new Set<(view: RoomView) => void>();
  private readonly statuses = new Set<(status: LinkStatus) => void>();
  private readonly refusals = new Set<(reason: string) => void>();
  private socket: SocketLike | null = null;
  private retry: unknown = null;
  private attempt = 0;
  private current: { view: RoomView; seq: number } | null = null;
  private pending: string[] = [];
  /** The answer to the rejoin just sent is still to come: a refusal then means the room forgot this phone. */
  private rejoining = false;
  /** The phone left the room on purpose: a reconnection must not bring it back. */
  private left = false;
  private state: LinkStatus = 'connecting';
  /** Once a connection has opened, losing it is `reconnecting`; before that, still `connecting`. */
  private opened = false;
  /** Kept here too, so a browser that stores nothing still rejoins while the page lives. */
  private memoryToken: string | null = null;
  private readonly stopWaking: () => void;

  constructor(
    readonly code: string,
    readonly role: Role,
    private readonly environment: SocketEnvironment = browserEnvironment(),
  ) {
    this.stopWaking = environment.onWake((awayMs) => this.wake(awayMs));
    this.connect();
  }

  get status(): LinkStatus {
    return this.state;
  }

  /** How many events the room's log held at the last snapshot (what the screens show as `data-seq`); 0 before the first. */
  get seq(): number {
    return this.current?.seq ?? 0;
  }

  /** Whether this phone has a token for the room (it joined before, here or in an earlier visit). */
  hasToken(): boolean {
    return this.token() !== null;
  }

  onView(listener: (view: RoomView) => void): () => void {
    this.views.add(listener);
    if (this.current) listener(this.current.view);
    return () => this.views.delete(listener);
  }

  onStatus(listener: (status: LinkStatus) => void): () => void {
    this.statuses.add(listener);
    listener(this.state);
    return () => this.statuses.delete(listener);
  }

  onRejected(listener: (reason: string) => void): () => void {
    this.refusals.add(listener);
    return () => this.refusals.delete(listener);
  }

  /** Sends now, or once the connection is back (after the phone's rejoin). */
  send(message: MessageOf<Role>): void {
    if (this.state === 'closed') return;
    const typed = message as { type: string };
    if (typed.type === 'leave') this.left = true;
    if (typed.type === 'join' || typed.type === 'rejoin') this.left = false;
    if (typed.type === 'rejoin') this.rejoining = true;
    const data = JSON.stringify(message);
    if (this.socket?.readyState === SOCKET_OPEN) this.socket.send(data);
    else if (this.pending.length < MAX_PENDING) this.pending.push(data);
  }

  close(): void {
    this.finish();
  }

  private connect(): void {
    this.retry = null;
    const socket = this.environment.open(socketPath(this.code, this.role));
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.opened = true;
      const token = this.role === 'participant' && !this.left ? this.token() : null;
      if (token) {
        this.rejoining = true;
        socket.send(JSON.stringify({ type: 'rejoin', token }));
      }
      for (const data of this.pending.splice(0)) socket.send(data);
      this.setStatus('open');
    };
    socket.onmessage = (event) => {
      if (this.socket === socket && typeof event.data === 'string') this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) void this.lost(event.code);
    };
    // A failed connection is followed by its close; the close decides what happens next.
    socket.onerror = () => undefined;
  }

  private receive(data: string): void {
    let message: RoomMessage;
    try {
      message = JSON.parse(data) as RoomMessage;
    } catch {
      return;
    }
    if (message.type === 'state') {
      this.current = { view: message.view, seq: message.seq };
      for (const listener of this.views) listener(message.view);
      // The room has ended: nothing more will happen in it, and the server lets go of it once its sockets close.
      if (message.view.role === 'controller' ? message.view.state.phase === 'summary' : message.view.phase === 'summary') this.finish();
    } else if (message.type === 'welcome') {
      this.rejoining = false;
      if (message.token) this.keepToken(message.token);
    } else {
      if (message.type === 'rejected' && this.rejoining) {
        this.rejoining = false;
        this.forgetToken();
      }
      for (const listener of this.refusals) listener(message.reason);
    }
  }

  private async lost(code: number): Promise<void> {
    this.socket = null;
    this.rejoining = false;
    if (code === POLICY_VIOLATION) return this.finish();
    if (this.opened) this.setStatus('reconnecting');
    // The code no longer opens a room: it ended (or never was). Unknown (the server is down): keep trying.
    const exists = await this.environment.roomExists(this.code);
    if (this.isClosed() || this.socket !== null) return;
    if (exists === false) return this.finish();
    this.retry = this.environment.setTimeout(() => this.connect(), retryDelay(this.attempt++, this.environment.random()));
  }

  /** Back from a locked screen or a lost network: try now instead of waiting out the backoff, and replace a socket that may have died unnoticed. */
  private wake(awayMs: number): void {
    if (this.state === 'closed') return;
    if (this.retry !== null) {
      this.environment.clearTimeout(this.retry);
      this.connect();
    } else if (this.socket && awayMs >= STALE_AFTER_MS) {
      const stale = this.socket;
      this.socket = null;
      stale.close();
      this.setStatus('reconnecting');
      this.connect();
    }
  }

  private finish(): void {
    if (this.state === 'closed') return;
    if (this.retry !== null) this.environment.clearTimeout(this.retry);
    this.retry = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.stopWaking();
    this.setStatus('closed');
  }

  /** Read through a method: the status may change while a method awaits, which narrowing cannot see. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private setStatus(status: LinkStatus): void {
    if (status === this.state) return;
    this.state = status;
    for (const listener of this.statuses) listener(status);
  }

  private token(): string | null {
    try {
      return this.environment.storage?.getItem(tokenKey(this.code)) ?? this.memoryToken;
    } catch {
      return this.memoryToken;
    }
  }

  private keepToken(token: string): void {
    this.memoryToken = token;
    try {
      this.environment.storage?.setItem(tokenKey(this.code), token);
    } catch {
      // Storage full or blocked: the token in memory serves this visit.
    }
  }

  private forgetToken(): void {
    this.memoryToken = null;
    try {
      this.environment.storage?.removeItem(tokenKey(this.code));
    } catch {
      // Nothing kept, nothing to forget.
    }
  }
}
