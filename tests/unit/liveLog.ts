import type { Choice, HotSeatRotation, LiveEvent, Scenario } from '../../src/index.ts';
import { libraryScenarios } from '../helpers.ts';

/** Shared by the live-session tests: real library scenarios and a terse way to write a log. */
export const library: Scenario[] = libraryScenarios();

export function scenarioNamed(id: string): Scenario {
  const scenario = library.find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`the library has no "${id}"`);
  return scenario;
}

export const reply = (id: string): Choice => ({ kind: 'reply', reply: id });

/** An event before it is stamped with its time. */
export type Unstamped = LiveEvent extends infer E ? (E extends LiveEvent ? Omit<E, 'at'> : never) : never;

/** Stamps events one second apart, as the server's clock would. */
export const stamp = (events: readonly Unstamped[], from = 0): LiveEvent[] => events.map((event, i) => ({ ...event, at: from + (i + 1) * 1000 }) as LiveEvent);

export function started(ids: readonly string[], roster: readonly string[], rotation: HotSeatRotation = { every: 'scenario' }, seed = 7): Unstamped {
  const scenarios = ids.map((id) => ({ id, version: scenarioNamed(id).version }));
  return { type: 'started', scenarios, seed, roster: roster.map((id) => ({ id, name: id.toUpperCase() })), rotation };
}

export const joined = (...ids: string[]): Unstamped[] => ids.map((participant) => ({ type: 'joined', participant, name: `Name ${participant}` }));

export const votes = (cast: Record<string, Choice>): Unstamped[] => Object.entries(cast).map(([participant, choice]) => ({ type: 'voteCast', participant, choice }));
