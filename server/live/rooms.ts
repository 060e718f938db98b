import { randomUUID } from 'node:crypto';
import { applyEvent, foldLog, scenarioFor, validateEvent, type LiveEvent, type LiveState, type Scenario, type ScenarioLibrary, type Verdict } from '../../src/index.ts';
import { COMMANDS_CHANNEL, EVENTS_CHANNEL, listen, VERDICTS_CHANNEL } from './bus.ts';
import type { LiveCoordination } from './coordination.ts';
import { BUSY, createForwarding } from './forward.ts';
import { LOST, startOwner, type Owner } from './owner.ts';
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
  coordination: LiveCoordination;
  library: ScenarioLibrary;
  clock: () => Date;
  onError: (error: unknown) => void;
  /** Called once per room, by the instance that stored its `ended`: the place to save what the session leaves behind (results, records). */
  whenEnded: (room: RoomState) => Promise<void>;
  /** How long a room's lease lasts unrenewed: an owner that dies is replaced within about this long. */
  leaseMs?: number;
  /** A room with no event for this long is ended (LIVE_IDLE_HOURS). */
  idleMs?: number;
  /** How long an event forwarded to the room's owner waits for its verdict (twice, at most). */
  forwardWaitMs?: number;
}

const DEFAULT_LEASE_MS = 10_000;
const DEFAULT_IDLE_MS = 12 * 60 * 60 * 1000;
const DEFAULT_FORWARD_WAIT_MS = 3_000;
/** The idle sweep runs this often at most (more often for a shorter idle time). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

type Listener = (room: RoomState) => void;

interface Held extends RoomState {
  listeners: Set<Listener>;
  /** The room's actor, while this instance holds its lease. */
  owner: Owner | null;
  /** When this process last used the room (Date.now()): a room nobody here uses is let go. */
  usedAt: number;
  /** When this process last took the room's lease (Date.now()). */
  ownedSince: number;
}

/**
 * The live rooms this process serves, one of possibly several instances on one database
 * (docs/live.md, "Server"). The instance holding a room's lease owns it: it runs the room's
 * `liveSessionMachine` actor, judges each event on the actor's state, stores it as the next
 * number, and only then sends it to the actor; the actor's vote timer closes votes, and those
 * are stored the same way. Other instances forward their sockets' events to the owner and relay
 * its verdicts. Every stored event is announced by NOTIFY; each instance holding the room reads
 * the new rows, applies them to its fold and tells its listeners. An owner whose number was
 * taken (its lease lapsed and another took over) stops owning and folds the log again.
 */
export function createRooms({ store, coordination, library, clock, onError, whenEnded, leaseMs = DEFAULT_LEASE_MS, idleMs = DEFAULT_IDLE_MS, forwardWaitMs = DEFAULT_FORWARD_WAIT_MS }: RoomsOptions) {
  const me = randomUUID();
  const held = new Map<string, Promise<Held>>();
  // One chain of work per room, so this process never judges an event while another is being stored.
  const queues = new Map<string, Promise<unknown>>();
  const forwarding = createForwarding(coordination, forwardWaitMs);

  function serially<T>(roomId: string, work: () => Promise<T>): Promise<T> {
    const result = (queues.get(roomId) ?? Promise.resolve()).then(work, work);
    queues.set(roomId, result.catch(() => undefined));
    return result;
  }
  /** Runs `work` on each room this process holds, in the room's turn. */
  const eachHeld = (work: (entry: Held) => Promise<void>) => {
    for (const [roomId, pending] of held) void pending.then((entry) => serially(roomId, () => work(entry)), () => undefined).catch(onError);
  };
  const whenHeld = (roomId: string, work: (entry: Held) => Promise<void>) => {
    const pending = held.get(roomId);
    if (pending) void pending.then((entry) => serially(roomId, () => work(entry)), () => undefined).catch(onError);
  };

  // Listening starts before any room is read, so no event stored meanwhile goes unheard.
  const listening = listen(
    coordination.db,
    {
      [EVENTS_CHANNEL]: (payload) => {
        const [roomId = '', seq] = payload.split(':');
        whenHeld(roomId, (entry) => catchUp(entry, Number(seq)));
      },
      [COMMANDS_CHANNEL]: (roomId) => whenHeld(roomId, async (entry) => void (entry.owner && (await drain(entry)))),
      [VERDICTS_CHANNEL]: (payload) => forwarding.heard(payload),
    },
    // Notifications were lost with the connection: catch up from the tables.
    () => eachHeld(async (entry) => {
      await catchUp(entry, Infinity);
      if (entry.owner) await drain(entry);
    }),
    onError,
  );
  listening.catch(onError);

  /** A room started before the library changed keeps playing the versions it started with (the database keeps every version served). */
  async function olderVersions(log: readonly LiveEvent[]): Promise<Scenario[]> {
    const refs = log.find((event) => event.type === 'started')?.scenarios ?? [];
    const missing = refs.filter((ref) => !scenarioFor(library, ref));
    const found = await Promise.all(missing.map((ref) => store.scenarioVersion(ref.id, ref.version)));
    return found.filter((scenario): scenario is Scenario => scenario !== undefined);
  }

  async function fold(room: LiveRoom): Promise<RoomState> {
    const log = await store.events(room.id);
    const roomLibrary = [...library, ...(await olderVersions(log))];
    return { room, library: roomLibrary, log, state: foldLog(log, roomLibrary), seq: log.length };
  }

  function hold(room: LiveRoom): Promise<Held> {
    let entry = held.get(room.id);
    if (!entry) {
      entry = listening.then(async () => ({ ...(await fold(room)), listeners: new Set<Listener>(), owner: null, usedAt: Date.now(), ownedSince: 0 }));
      held.set(room.id, entry);
      entry.catch(() => held.delete(room.id));
    }
    return entry;
  }

  const tell = (entry: Held) => {
    for (const listener of entry.listeners) listener(entry);
  };

  /** The stored log again (another instance wrote to the room); the listeners hear of any change. */
  async function refold(entry: Held): Promise<void> {
    const seq = entry.seq;
    Object.assign(entry, await fold(entry.room));
    if (entry.seq !== seq) tell(entry);
  }

  /** Events up to number `seq` (at least) were stored: a non-owner applies the new rows to its fold; an owner learns it was overtaken. */
  async function catchUp(entry: Held, seq: number): Promise<void> {
    if (seq <= entry.seq) return;
    const newer = await coordination.eventsAfter(entry.room.id, entry.seq);
    if (entry.owner) return void (newer.length > 0 && (await disown(entry)));
    for (const row of newer) {
      if (row.seq !== entry.seq + 1) return refold(entry);
      Object.assign(entry, { state: applyEvent(entry.state, row.event, entry.library), seq: row.seq, log: [...entry.log, row.event] });
    }
    if (newer.length > 0) tell(entry);
  }

  /** Takes the room's lease if it is free or lapsed, and starts its actor on the log as stored now. In the room's turn. */
  async function claim(entry: Held): Promise<boolean> {
    if (entry.owner) return true;
    if (!(await coordination.lease(entry.room.id, me, leaseMs))) return false;
    entry.ownedSince = Date.now();
    await refold(entry);
    const roomId = entry.room.id;
    const run = (fire: () => void) => void serially(roomId, async () => {
      fire();
      await stored(entry);
    }).catch(onError);
    entry.owner = startOwner(roomId, entry.log, entry.library, clock().getTime(), store, run, onError);
    // Events forwarded to the last owner that it never took.
    await drain(entry);
    return true;
  }

  /** Stops owning the room (its actor stopped) and folds the stored log. */
  async function disown(entry: Held): Promise<void> {
    entry.owner?.stop();
    entry.owner = null;
    await refold(entry);
  }

  /** The owner's state after a change (or what the actor raised): stored events reach the listeners; a lost number ends the ownership. */
  async function stored(entry: Held): Promise<void> {
    if (!entry.owner) return;
    const raised = await entry.owner.persistRaised().catch((error: unknown) => {
      // The actor ran ahead of the stored log: drop it, and the next claim starts one on what is stored (its timer then closes the vote at once).
      entry.owner?.stop();
      entry.owner = null;
      throw error;
    });
    if (raised === LOST) return disown(entry);
    if (raised.length > 0) publish(entry);
  }

  function publish(entry: Held): void {
    const { state, log } = (entry.owner as Owner).current();
    Object.assign(entry, { state, log, seq: log.length });
    tell(entry);
  }

  /** The owner appends an event; null if it turns out not to own the room any more. In the room's turn. */
  async function ownerAppend(entry: Held, event: LiveEvent): Promise<Verdict | null> {
    const verdict = await (entry.owner as Owner).append(event);
    if (verdict === LOST) {
      await disown(entry);
      return null;
    }
    if (!verdict.ok) return verdict;
    publish(entry);
    if (event.type === 'ended') {
      entry.owner?.stop();
      entry.owner = null;
      await coordination.release(entry.room.id, me);
      await whenEnded(entry);
    }
    return verdict;
  }

  /** Applies the events forwarded to this owner and answers each sender. In the room's turn. */
  async function drain(entry: Held): Promise<void> {
    for (const command of await coordination.take(entry.room.id)) {
      const event = { ...command.event, at: clock().getTime() } as LiveEvent;
      const verdict = entry.owner ? await ownerAppend(entry, event) : null;
      // Taken over meanwhile: the sender tries again, and reaches the new owner.
      await coordination.answer(command.id, verdict ?? BUSY, verdict?.ok ? entry.seq : undefined);
    }
  }

  /** Lets go of a room this process no longer needs: its actor stops and its lease is free for whoever needs it next. */
  async function letGo(entry: Held): Promise<void> {
    held.delete(entry.room.id);
    queues.delete(entry.room.id);
    if (!entry.owner) return;
    entry.owner.stop();
    entry.owner = null;
    await coordination.release(entry.room.id, me);
  }

  // Owners renew their leases (all of this instance's in one statement); an instance with sockets
  // in a room whose owner died takes it over; unused rooms are let go.
  async function tick(): Promise<void> {
    const asked = Date.now();
    const owned = (await Promise.all([...held.values()].map((pending) => pending.catch(() => null)))).filter((entry) => entry?.owner).map((entry) => (entry as Held).room.id);
    const renewed = await coordination.renew(owned, me, leaseMs).catch((error: unknown) => {
      onError(error);
      return new Set<string>();
    });
    eachHeld(async (entry) => {
      if (entry.listeners.size === 0 && (entry.state.phase === 'summary' || Date.now() - entry.usedAt > leaseMs)) return letGo(entry);
      if (entry.state.phase === 'summary') return;
      if (!entry.owner) return void (await claim(entry));
      // Not renewed (and not claimed since the renewal was asked): another instance holds the lease now, or the database is out of reach.
      if (!renewed.has(entry.room.id) && entry.ownedSince < asked) await disown(entry);
    });
  }
  const ticking = setInterval(() => void tick().catch(onError), leaseMs / 3);

  /** Ends the rooms where nothing happened for `idleMs` and that no other instance owns, so their codes stop working. */
  async function expireIdle(): Promise<void> {
    const before = clock().getTime() - idleMs;
    for (const room of await coordination.idleRooms(before)) {
      const entry = await hold(room);
      await serially(room.id, async () => {
        const last = entry.log.at(-1)?.at ?? room.createdAt.getTime();
        if (entry.state.phase === 'summary' || last >= before || !(await claim(entry))) return;
        await ownerAppend(entry, { type: 'ended', at: clock().getTime() });
      });
    }
  }
  const sweeping = setInterval(() => void expireIdle().catch(onError), Math.min(SWEEP_EVERY_MS, idleMs / 4));

  return {
    /** The room's current state (folded from its log on first use). */
    async current(room: LiveRoom): Promise<RoomState> {
      return hold(room);
    },

    /**
     * Appends an event the caller built (without `at`: the owner's clock stamps it); the verdict
     * says whether it was accepted. This instance owns the room if its lease is free; else the
     * event goes to the owner, and the owner's verdict comes back.
     */
    async append(room: LiveRoom, event: DistributiveOmit<LiveEvent, 'at'>): Promise<Verdict> {
      const entry = await hold(room);
      entry.usedAt = Date.now();
      const here = await serially(room.id, async () => {
        const stamped = { ...event, at: clock().getTime() } as LiveEvent;
        // An ended room has no owner: the rules refuse everything after `ended`.
        if (entry.state.phase === 'summary') return validateEvent(entry.state, stamped, entry.library);
        // Overtaken once (its number taken), this instance may still hold the lease: it folds again and judges the event on that.
        for (let tries = 0; tries < 2; tries++) {
          if (!(await claim(entry))) return null;
          const verdict = await ownerAppend(entry, stamped);
          if (verdict) return verdict;
        }
        return BUSY;
      });
      if (here) return here;
      const answer = await forwarding.forward(room.id, event);
      if (!answer.ok) return { ok: false, reason: answer.reason };
      // Read your writes: this instance's fold has the event before its sender reads the room again.
      if (answer.seq !== undefined) await serially(room.id, () => catchUp(entry, answer.seq ?? 0));
      return { ok: true };
    },

    /** Calls `listener` after every stored event of the room, until the returned function is called. */
    async listen(room: LiveRoom, listener: Listener): Promise<() => void> {
      const entry = await hold(room);
      entry.listeners.add(listener);
      entry.usedAt = Date.now();
      return () => {
        entry.listeners.delete(listener);
        entry.usedAt = Date.now();
        // An ended room's last socket gone: nothing will change it again, so this process lets it go.
        if (entry.listeners.size === 0 && entry.state.phase === 'summary') void letGo(entry).catch(onError);
      };
    },

    expireIdle,

    /** Stops the actors and gives up this instance's leases (the server is closing), so another instance takes over at once. */
    async stop(): Promise<void> {
      clearInterval(ticking);
      clearInterval(sweeping);
      const entries = await Promise.all([...held.values()].map((pending) => pending.catch(() => null)));
      await Promise.all(entries.map((entry) => entry && serially(entry.room.id, () => letGo(entry)).catch(onError)));
      held.clear();
      await (await listening.catch(() => null))?.();
    },
  };
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type Rooms = ReturnType<typeof createRooms>;
