import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { Cookies, SignedInStaff } from './harness.ts';

/** Every wait in the live tests is bounded by this. */
export const WAIT_MS = 5_000;

/** What a room's socket sends (server/live/socket.ts), loosely typed for tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ServerMessage = { type: string; [key: string]: any };

/** The address a listening test server answers on, and the Origin its own pages would send. */
export async function listening(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Opens a room as `staff` (a trainer or an admin), for `cohortId` if given. */
export async function openRoom(app: FastifyInstance, staff: SignedInStaff, cohortId?: string): Promise<{ id: string; code: string; joinUrl: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/live/rooms', cookies: staff.cookies, payload: cohortId ? { cohortId } : {} });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export const cookieHeader = (cookies: Cookies): string =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

export interface SocketOptions {
  controller?: boolean;
  /** Opens the trainer's read-only screen instead (`?as=projector`). */
  projector?: boolean;
  cookies?: Cookies;
  /** The Origin header; undefined sends none (not a browser). */
  origin?: string;
}

const roleOf = (options: SocketOptions) => (options.controller ? '?as=controller' : options.projector ? '?as=projector' : '');
const socketUrl = (host: string, code: string, options: SocketOptions) => `ws://${host}/api/live/rooms/${encodeURIComponent(code)}/socket${roleOf(options)}`;
const headersOf = (options: SocketOptions) => ({ ...(options.cookies ? { cookie: cookieHeader(options.cookies) } : {}), ...(options.origin ? { origin: options.origin } : {}) });

/** A client of a room's socket that keeps every message (`raw` as sent) and waits for the next one matching a test. */
export class Peer {
  readonly messages: ServerMessage[] = [];
  readonly raw: string[] = [];
  private cursor = 0;
  private wake: (() => void) | null = null;

  /** The close code, once the server closed the socket. */
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('message', (data) => {
      this.raw.push(String(data));
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      this.wake?.();
    });
  }

  static open(host: string, code: string, options: SocketOptions = {}): Promise<Peer> {
    const socket = new WebSocket(socketUrl(host, code, options), { headers: headersOf(options) });
    const peer = new Peer(socket);
    return bounded(new Promise((resolve, reject) => {
      socket.once('open', () => resolve(peer));
      socket.once('error', reject);
    }), 'opening a socket');
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The next message after the last one returned that matches `test`. */
  async next(test: (message: ServerMessage) => boolean = () => true, what = 'a message'): Promise<ServerMessage> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const index = this.messages.findIndex((message, i) => i >= this.cursor && test(message));
      if (index >= 0) {
        this.cursor = index + 1;
        return this.messages[index] as ServerMessage;
      }
      if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS} ms for ${what}; got ${JSON.stringify(this.messages.slice(this.cursor))}`);
      await bounded(new Promise<void>((resolve) => (this.wake = resolve)), what, deadline - Date.now()).catch(() => undefined);
    }
  }

  /** The next state whose view passes `test`. */
  state(test: (view: ServerMessage) => boolean = () => true, what = 'a state'): Promise<ServerMessage> {
    return this.next((message) => message.type === 'state' && test(message.view as ServerMessage), what);
  }

  rejection(): Promise<ServerMessage> {
    return this.next((message) => message.type === 'rejected' || message.type === 'welcome', 'a refusal');
  }

  close(): void {
    this.socket.close();
  }
}

/** The HTTP status a refused upgrade answered with. */
export function refusedStatus(host: string, code: string, options: SocketOptions = {}): Promise<number> {
  const socket = new WebSocket(socketUrl(host, code, options), { headers: headersOf(options) });
  return bounded(new Promise((resolve, reject) => {
    // Handling the answer ourselves, ws emits no error for it; closing the request ends the attempt.
    socket.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    socket.on('error', () => undefined);
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
  }), 'a refused upgrade');
}

function bounded<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), Math.max(0, ms))));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
