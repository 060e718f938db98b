import { createActor, type ActorOptions, type AnyActorLogic } from 'xstate';
import { liveSessionMachine, validateEvent, type LiveEvent, type LiveState, type ScenarioLibrary, type Verdict } from '../../src/index.ts';
import type { RoomStore } from './roomStore.ts';

/** What an owner's answer means when its number was taken: another instance wrote to the room, so this one no longer owns it. */
export const LOST = 'lost';

/** The room's actor on the instance that holds its lease: its context is the room's truth there. */
export interface Owner {
  /** The actor's log and its fold. */
  current(): { state: LiveState; log: readonly LiveEvent[] };
  /** Judges `event` on the actor's state, stores it as the next number and only then sends it to the actor. */
  append(event: LiveEvent): Promise<Verdict | typeof LOST>;
  /** Stores the events the actor raised itself (a vote's timer running out), in order. */
  persistRaised(): Promise<LiveEvent[] | typeof LOST>;
  stop(): void;
}

/**
 * Starts `liveSessionMachine` on the room's stored log at `now`, so an open vote keeps only the
 * time it had left. The actor's timers (the vote's `after`) fire through `run`, the room's queue:
 * a vote closing itself never lands between an event being judged and being stored. `run` is
 * expected to call `persistRaised` after the timer's work.
 */
export function startOwner(roomId: string, log: readonly LiveEvent[], library: ScenarioLibrary, now: number, store: RoomStore, run: (fire: () => void) => void, onError: (error: unknown) => void): Owner {
  const actor = createActor(liveSessionMachine, { input: { scenarios: library, log, now }, clock: queuedClock(run) });
  actor.subscribe({ error: onError });
  actor.start();
  let stored = log.length;
  const current = () => actor.getSnapshot().context;

  return {
    current,
    async append(event) {
      const verdict = validateEvent(current().state, event, library);
      if (!verdict.ok) return verdict;
      if (!(await store.append(roomId, stored + 1, event))) return LOST;
      stored += 1;
      actor.send(event);
      return verdict;
    },
    async persistRaised() {
      const raised = current().log.slice(stored);
      for (const event of raised) {
        if (!(await store.append(roomId, stored + 1, event))) return LOST;
        stored += 1;
      }
      return raised;
    },
    stop: () => actor.stop(),
  };
}

type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/**
 * The actor's clock: real timeouts whose work waits its turn in the room's queue. A timeout
 * cleared while its work waits (the vote closed by hand just before) does nothing when its turn comes.
 */
function queuedClock(run: (fire: () => void) => void): Clock {
  interface Handle {
    timer: NodeJS.Timeout;
    cleared: boolean;
  }
  return {
    setTimeout(fire: () => void, ms: number): Handle {
      const handle: Handle = { cleared: false, timer: setTimeout(() => run(() => handle.cleared || fire()), ms) };
      return handle;
    },
    clearTimeout(handle: Handle) {
      handle.cleared = true;
      clearTimeout(handle.timer);
    },
  };
}
