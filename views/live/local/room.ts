import { createActor, type Actor } from 'xstate';
import { foldLog, liveSessionMachine, sessionSummary, viewFor, type LiveEvent, type LiveState, type Scenario, type RoomView, type ScenarioRef, type SessionSummary, type Viewer } from '../../../src/index.ts';
import type { LinkStatus, RoomLink } from '../link.ts';
import { onLocalMessage, openChannel } from './channel.ts';

/** An event as a screen sends it: the room stamps `at` with its own clock. */
export type LiveEventInput = LiveEvent extends infer E ? (E extends LiveEvent ? Omit<E, 'at'> : never) : never;

/** Where the controller window keeps the room's log, so a reload (or a crash) resumes it. */
export const LOCAL_LOG_KEY = 'hold-the-line.live.local.v1';

export interface LocalRoomOptions {
  /** The scenarios these refs name, as the page loads them (those it cannot find are left out: the fold then refuses the log). */
  load(refs: readonly ScenarioRef[]): Promise<Scenario[]>;
  storage?: Storage | null;
  channelName?: string;
  clock?: () => number;
}

const refsOf = (log: readonly LiveEvent[]): ScenarioRef[] => log.flatMap((event) => (event.type === 'started' ? event.scenarios : []));

function readLog(storage: Storage | null): LiveEvent[] {
  try {
    const stored: unknown = JSON.parse(storage?.getItem(LOCAL_LOG_KEY) ?? '[]');
    return Array.isArray(stored) ? (stored as LiveEvent[]) : [];
  } catch {
    return [];
  }
}

/**
 * A live room without a server, run by the trainer's controller window: the same statechart the
 * server runs (`liveSessionMachine`), its log kept in localStorage after every event, and what the
 * projector may see published over a BroadcastChannel to the projector window (LocalLink). To the
 * controller it is a RoomLink like the server's socket, so the controller screen is the same code.
 */
export class LocalRoom implements RoomLink<LiveEventInput> {
  private actor!: Actor<typeof liveSessionMachine>;
  private readonly channel: BroadcastChannel;
  private readonly views = new Set<(view: RoomView) => void>();
  private readonly rejections = new Set<(reason: string) => void>();
  private readonly storage: Storage | null;
  private readonly clock: () => number;
  private summary: { seq: number; summary: SessionSummary } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly stops: (() => void)[] = [];

  /** The room in this browser: the stored log resumed (with `problem` saying why not, when it could not be), or a new lobby. */
  static async open(options: LocalRoomOptions): Promise<LocalRoom> {
    const storage = options.storage === undefined ? globalThis.localStorage : options.storage;
    const stored = readLog(storage);
    const library = await options.load(refsOf(stored));
    try {
      foldLog(stored, library);
      return new LocalRoom(options, storage, stored, library, null);
    } catch (error) {
      // A log this build cannot replay (its scenarios changed since): a new room, saying why.
      return new LocalRoom(options, storage, [], library, error instanceof Error ? error.message : String(error));
    }
  }

  private constructor(
    private readonly options: LocalRoomOptions,
    storage: Storage | null,
    log: LiveEvent[],
    private library: Scenario[],
    /** Why the stored session could not be resumed; null when it was (or there was none). */
    readonly problem: string | null,
  ) {
    this.storage = storage;
    this.clock = options.clock ?? Date.now;
    this.channel = openChannel(options.channelName);
    this.boot(log);
    this.stops.push(onLocalMessage(this.channel, (message) => message.type === 'hello' && this.publish()));
    const gone = () => this.channel.postMessage({ type: 'gone' });
    addEventListener('pagehide', gone);
    this.stops.push(() => removeEventListener('pagehide', gone));
  }

  get state(): LiveState {
    return this.actor.getSnapshot().context.state;
  }

  /** The number of events in the log: what the screens show as `data-seq`. */
  get seq(): number {
    return this.actor.getSnapshot().context.log.length;
  }

  onView(listener: (view: RoomView) => void): () => void {
    this.views.add(listener);
    listener(this.viewFor({ role: 'controller' }));
    return () => this.views.delete(listener);
  }

  /** Always open: the room is in this window. */
  onStatus(listener: (status: LinkStatus) => void): () => void {
    listener('open');
    return () => undefined;
  }

  onRejected(listener: (reason: string) => void): () => void {
    this.rejections.add(listener);
    return () => this.rejections.delete(listener);
  }

  /** Appends the event stamped now, once its scenarios are loaded (a `started` may name ones not loaded yet); events keep their order. */
  send(event: LiveEventInput): void {
    this.queue = this.queue.then(async () => {
      const missing = event.type === 'started' && event.scenarios.some((ref) => !this.library.some((scenario) => scenario.id === ref.id && scenario.version === ref.version));
      if (missing) {
        this.library = [...this.library, ...(await this.options.load(event.scenarios))];
        this.boot(this.actor.getSnapshot().context.log);
      }
      this.actor.send({ ...event, at: this.clock() } as LiveEvent);
    });
  }

  /** Forgets the session (after its summary, or to start over): a new, empty lobby. */
  clear(): void {
    this.queue = this.queue.then(() => this.boot([]));
  }

  close(): void {
    this.actor.stop();
    for (const stop of this.stops) stop();
    this.channel.close();
  }

  private viewFor(viewer: Viewer) {
    const { state, log } = this.actor.getSnapshot().context;
    if (state.phase === 'summary' && this.summary?.seq !== log.length) this.summary = { seq: log.length, summary: sessionSummary(log, this.library) };
    return viewFor(state, viewer, state.phase === 'summary' ? (this.summary?.summary ?? null) : null);
  }

  /** A fresh actor over `log` (the machine's library is fixed when it starts: more scenarios mean a new actor on the same log). */
  private boot(log: readonly LiveEvent[]): void {
    this.actor?.stop();
    const actor = createActor(liveSessionMachine, { input: { scenarios: this.library, log, now: this.clock() } });
    let length = log.length;
    actor.subscribe((snapshot) => {
      if (snapshot.context.log.length === length) return;
      length = snapshot.context.log.length;
      this.changed();
    });
    actor.on('event.rejected', ({ reason }) => {
      for (const listener of this.rejections) listener(reason);
    });
    this.actor = actor;
    actor.start();
    this.changed();
  }

  private changed(): void {
    try {
      this.storage?.setItem(LOCAL_LOG_KEY, JSON.stringify(this.actor.getSnapshot().context.log));
    } catch {
      // Storage full or blocked: the room runs on, but a reload would not resume it.
    }
    const view = this.viewFor({ role: 'controller' });
    for (const listener of this.views) listener(view);
    this.publish();
  }

  private publish(): void {
    this.channel.postMessage({ type: 'state', seq: this.seq, view: this.viewFor({ role: 'projector' }) });
  }
}
