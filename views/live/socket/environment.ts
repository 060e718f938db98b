/**
 * What a SocketLink needs from the browser, as one object, so the link's logic (reconnecting,
 * rejoining, giving up) runs in a unit test against fakes: sockets, the server's answer about a
 * room, timers, the device waking up, and storage for a phone's token.
 */

/** The part of a WebSocket the link uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export const SOCKET_OPEN = 1;

export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SocketEnvironment {
  open(url: string): SocketLike;
  /** Whether the code still opens a room: false when the server says there is none (it ended, or never was), undefined when the server cannot be asked. */
  roomExists(code: string): Promise<boolean | undefined>;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  /** Calls `wake` with how long the page was away (hidden, or offline) when it is back; returns the unsubscribe. */
  onWake(wake: (awayMs: number) => void): () => void;
  /** Null when the browser keeps nothing (storage blocked): a phone then rejoins only while the page lives. */
  storage: TokenStorage | null;
  random(): number;
  now(): number;
}

/** The room's REST address (also what a phone asks before joining). */
export const roomUrl = (code: string) => `/api/live/rooms/${encodeURIComponent(code)}`;

function localStorageOrNull(): TokenStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The real browser: sockets to this page's server, its REST answer about the room, visibility and network events. */
export function browserEnvironment(): SocketEnvironment {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    open: (path) => new WebSocket(`${scheme}//${location.host}${path}`) as unknown as SocketLike,
    async roomExists(code) {
      try {
        const response = await fetch(roomUrl(code), { headers: { accept: 'application/json' } });
        if (response.status === 404) return false;
        return response.ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    setTimeout: (run, ms) => window.setTimeout(run, ms),
    clearTimeout: (timer) => window.clearTimeout(timer as number),
    onWake(wake) {
      let awaySince = document.visibilityState === 'hidden' ? Date.now() : null;
      const visibility = () => {
        if (document.visibilityState === 'hidden') awaySince ??= Date.now();
        else if (awaySince !== null) {
          const away = Date.now() - awaySince;
          awaySince = null;
          wake(away);
        }
      };
      const online = () => wake(0);
      document.addEventListener('visibilitychange', visibility);
      window.addEventListener('online', online);
      return () => {
        document.removeEventListener('visibilitychange', visibility);
        window.removeEventListener('online', online);
      };
    },
    storage: localStorageOrNull(),
    random: Math.random,
    now: Date.now,
  };
}
