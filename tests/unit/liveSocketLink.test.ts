import { describe, expect, it } from 'vitest';
import type { LinkStatus } from '../../views/live/link.ts';
import { SOCKET_OPEN, type SocketEnvironment, type SocketLike } from '../../views/live/socket/environment.ts';
import { MAX_RETRY_MS, retryDelay, SocketLink, STALE_AFTER_MS, tokenKey, type SocketRole } from '../../views/live/socket/link.ts';

/** A socket the test opens, feeds and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly sent: unknown[] = [];
  closedByLink = false;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closedByLink = true;
    this.readyState = 3;
  }
  accept(): void {
    this.readyState = SOCKET_OPEN;
    this.onopen?.({});
  }
  say(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function world(options: { exists?: boolean | undefined; stored?: Record<string, string> } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const store = new Map(Object.entries(options.stored ?? {}));
  let wake: (awayMs: number) => void = () => undefined;
  const environment: SocketEnvironment = {
    open: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    roomExists: () => Promise.resolve('exists' in options ? options.exists : true),
    setTimeout: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (timer) => void ((timer as { cleared: boolean }).cleared = true),
    onWake: (listener) => {
      wake = listener;
      return () => (wake = () => undefined);
    },
    storage: { getItem: (key) => store.get(key) ?? null, setItem: (key, value) => void store.set(key, value), removeItem: (key) => void store.delete(key) },
    random: () => 1,
    now: () => 0,
  };
  const open = <Role extends SocketRole>(role: Role) => {
    const link = new SocketLink('ABC-DEF', role, environment);
    const statuses: LinkStatus[] = [];
    const refusals: string[] = [];
    link.onStatus((status) => statuses.push(status));
    link.onRejected((reason) => refusals.push(reason));
    return { link, statuses, refusals };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const last = () => sockets.at(-1) as FakeSocket;
  return { sockets, timers, store, open, settle, last, wake: (awayMs: number) => wake(awayMs) };
}

const lobby = { role: 'participant', phase: 'lobby' };

describe('SocketLink', () => {
  it('opens the role’s socket, reports its status and each snapshot with its seq', () => {
    const w = world();
    const { link, statuses } = w.open('projector');
    expect(w.last().url).toBe('/api/live/rooms/ABC-DEF/socket?as=projector');
    const views: unknown[] = [];
    link.onView((view) => views.push(view));
    w.last().accept();
    w.last().say({ type: 'state', seq: 4, view: lobby });
    expect(statuses).toEqual(['connecting', 'open']);
    expect(views).toEqual([lobby]);
    expect(link.seq).toBe(4);
    // A listener that comes later gets the current snapshot at once.
    const later: unknown[] = [];
    link.onView((view) => later.push(view));
    expect(later).toEqual([lobby]);
  });

  it('keeps a phone’s token per room and rejoins with it after a lost connection, before anything sent meanwhile', async () => {
    const w = world();
    const { link, statuses } = w.open('participant');
    expect(w.last().url).toBe('/api/live/rooms/ABC-DEF/socket');
    w.last().accept();
    expect(link.hasToken()).toBe(false);
    link.send({ type: 'join', name: 'Ann' });
    w.last().say({ type: 'welcome', token: 'T'.repeat(24) });
    expect(w.store.get(tokenKey('abc-def'))).toBe('T'.repeat(24));
    w.last().drop();
    await w.settle();
    expect(statuses.at(-1)).toBe('reconnecting');
    link.send({ type: 'vote', choice: { kind: 'breath' } });
    w.timers.at(-1)?.run();
    w.last().accept();
    expect(w.last().sent).toEqual([{ type: 'rejoin', token: 'T'.repeat(24) }, { type: 'vote', choice: { kind: 'breath' } }]);
    expect(statuses.at(-1)).toBe('open');
  });

  it('forgets a token the room refuses, so the phone asks for a name again', () => {
    const w = world({ stored: { [tokenKey('ABC-DEF')]: 'old-token-old-token-old' } });
    const { link, refusals } = w.open('participant');
    w.last().accept();
    expect(w.last().sent).toEqual([{ type: 'rejoin', token: 'old-token-old-token-old' }]);
    w.last().say({ type: 'rejected', reason: 'this room does not know that phone: join with a name' });
    expect(link.hasToken()).toBe(false);
    expect(refusals).toEqual(['this room does not know that phone: join with a name']);
    // A later refusal (a vote too late) is reported and leaves a new token alone.
    w.last().say({ type: 'welcome', token: 'N'.repeat(24) });
    w.last().say({ type: 'rejected', reason: 'no vote is open' });
    expect(link.hasToken()).toBe(true);
  });

  it('waits longer after each failure, up to a cap, and tries at once when the device wakes', async () => {
    const w = world();
    w.open('participant');
    for (let failure = 0; failure < 8; failure++) {
      w.last().drop();
      await w.settle();
      w.timers.at(-1)?.run();
    }
    expect(w.timers.map((timer) => timer.ms)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect(retryDelay(20, 0)).toBe(MAX_RETRY_MS / 2);
    w.last().drop();
    await w.settle();
    const before = w.sockets.length;
    w.wake(0);
    expect(w.timers.at(-1)?.cleared).toBe(true);
    expect(w.sockets.length).toBe(before + 1);
  });

  it('replaces a socket that may have died while the phone was locked', () => {
    const w = world();
    const { statuses } = w.open('participant');
    w.last().accept();
    const first = w.last();
    w.wake(STALE_AFTER_MS - 1);
    expect(w.sockets.length).toBe(1);
    w.wake(STALE_AFTER_MS);
    expect(first.closedByLink).toBe(true);
    expect(w.sockets.length).toBe(2);
    // The old socket's late close changes nothing.
    first.drop();
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting']);
  });

  it('closes for good when the code no longer opens a room, the trainer is signed out, or the summary has come', async () => {
    const gone = world({ exists: false });
    const first = gone.open('participant');
    gone.last().drop();
    await gone.settle();
    expect(first.statuses).toEqual(['connecting', 'closed']);
    expect(gone.timers).toEqual([]);

    const signedOut = world();
    const controller = signedOut.open('controller');
    signedOut.last().accept();
    signedOut.last().drop(1008);
    await signedOut.settle();
    expect(controller.statuses).toEqual(['connecting', 'open', 'closed']);

    const ended = world();
    const phone = ended.open('participant');
    ended.last().accept();
    ended.last().say({ type: 'state', seq: 9, view: { ...lobby, phase: 'summary' } });
    expect(phone.statuses.at(-1)).toBe('closed');
    expect(ended.last().closedByLink).toBe(true);
  });

  it('keeps trying while the server cannot be asked (it is down)', async () => {
    const w = world({ exists: undefined });
    const { statuses } = w.open('participant');
    w.last().accept();
    w.last().drop();
    await w.settle();
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting']);
    expect(w.timers).toHaveLength(1);
  });
});
