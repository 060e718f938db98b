import { applyEvent, foldLog, scenarioFor, validateEvent, voteClosesAt, type LiveEvent, type LiveState, type Scenario, type ScenarioLibrary, type Verdict } from '../../src/index.ts';
import type { LiveRoom, RoomStore } from './roomStore.ts';

/** A room as this process holds it: its stored log, the log's fold, and the scenarios the log names. */
export interface RoomState {
  room: LiveRoom;
  state: LiveState;
  seq: number;
  log: readonly LiveEvent[];
  /** The served library, plus any older version the room's log started with. */
  library: ScenarioLibrary;
}

export interface RoomsOptions {
  store: RoomStore;
  library: ScenarioLibrary;
  clock: () => Date;
  onError: (error: unknown) => void;
  /** Called once per room, after its `ended` is stored: the place to save what the session leaves behind (results, records). */
  whenEnded: (room: RoomState) => Promise<void>;
}

type Listener = (room: RoomState) => void;

interface Held extends RoomState {
  listeners: Set<Listener>;
  timer: NodeJS.Timeout | null;
}

/**
 * The live rooms this process serves. Each room's state is the fold of its stored log, cached
 * after the first use (a restarted server folds the log again and resumes where it was). Events
 * are appended one at a time per room: checked by `validateEvent` against the cached state, stored
 * with the next sequence number, and only then applied and told to the room's listeners. If the
 * number is taken, another writer got there first: the log is folded again and the event checked
 * once more against what is really there.
 */
export function createRooms({ store, library, clock, onError, whenEnded }: RoomsOptions) {
  const held = new Map<string, Promise<Held>>();
  // One chain of work per room, so two events of this process never race for the same number.
  const queues = new Map<string, Promise<unknown>>();

  const fold = async (room: LiveRoom): Promise<Held> => {
    const log = await store.events(room.id);
    const roomLibrary = [...library, ...(await olderVersions(log))];
    return { room, library: roomLibrary, log, state: foldLog(log, roomLibrary), seq: log.length, listeners: new Set(), timer: null };
  };

  /** A room started before the library changed keeps playing the versions it started with (the database keeps every version served). */
  async function olderVersions(log: readonly LiveEvent[]): Promise<Scenario[]> {
    const refs = log.find((event) => event.type === 'started')?.scenarios ?? [];
    const missing = refs.filter((ref) => !scenarioFor(library, ref));
    const found = await Promise.all(missing.map((ref) => store.scenarioVersion(ref.id, ref.version)));
    return found.filter((scenario): scenario is Scenario => scenario !== undefined);
  }

  function hold(room: LiveRoom): Promise<Held> {
    let entry = held.get(room.id);
    if (!entry) {
      entry = fold(room);
      held.set(room.id, entry);
      entry.then(schedule, () => held.delete(room.id));
    }
    return entry;
  }

  function serially<T>(roomId: string, work: () => Promise<T>): Promise<T> {
    const result = (queues.get(roomId) ?? Promise.resolve()).then(work, work);
    queues.set(roomId, result.catch(() => undefined));
    return result;
  }

  async function appendNow(entry: Held, event: LiveEvent): Promise<Verdict> {
    for (let tries = 0; tries < 2; tries++) {
      const verdict = validateEvent(entry.state, event, entry.library);
      if (!verdict.ok) return verdict;
      if (await store.append(entry.room.id, entry.seq + 1, event)) {
        Object.assign(entry, { state: applyEvent(entry.state, event, entry.library), seq: entry.seq + 1, log: [...entry.log, event] });
        schedule(entry);
        for (const listener of entry.listeners) listener(entry);
        if (event.type === 'ended') await whenEnded(entry);
        return verdict;
      }
      Object.assign(entry, await fold(entry.room), { listeners: entry.listeners, timer: entry.timer });
      schedule(entry);
    }
    return { ok: false, reason: 'the room is busy: try again' };
  }

  /** An open vote with a timer closes itself when its time is up, stamped with that moment. */
  function schedule(entry: Held): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const closesAt = voteClosesAt(entry.state);
    if (closesAt === null || entry.state.paused) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      serially(entry.room.id, async () => {
        if (voteClosesAt(entry.state) === closesAt) await appendNow(entry, { type: 'voteClosed', at: closesAt });
      }).catch(onError);
    }, Math.max(0, closesAt - clock().getTime()));
  }

  return {
    /** The room's current state (folded from its log on first use). */
    async current(room: LiveRoom): Promise<RoomState> {
      return hold(room);
    },

    /** Appends an event the caller built (without `at`: the server's clock stamps it); the verdict says whether it was accepted. */
    append(room: LiveRoom, event: DistributiveOmit<LiveEvent, 'at'>): Promise<Verdict> {
      return serially(room.id, async () => appendNow(await hold(room), { ...event, at: clock().getTime() } as LiveEvent));
    },

    /** Calls `listener` after every accepted event of the room, until the returned function is called. */
    async listen(room: LiveRoom, listener: Listener): Promise<() => void> {
      const entry = await hold(room);
      entry.listeners.add(listener);
      return () => {
        entry.listeners.delete(listener);
        // An ended room's last socket gone: nothing will change it again, so this process lets it go.
        if (entry.listeners.size === 0 && entry.state.phase === 'summary') {
          held.delete(room.id);
          queues.delete(room.id);
        }
      };
    },

    /** Stops the vote timers (the server is closing). */
    async stop(): Promise<void> {
      for (const entry of held.values()) {
        const room = await entry.catch(() => null);
        if (room?.timer) clearTimeout(room.timer);
      }
      held.clear();
    },
  };
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type Rooms = ReturnType<typeof createRooms>;
