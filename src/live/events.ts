import type { Choice, ConversationState } from '../engine/rules.ts';

/**
 * A live role-play session is an append-only log of these events; its state is the fold of the
 * log (fold.ts). Every event carries `at`, milliseconds on the server's clock, so a fold never
 * reads a clock and a replayed log gives the same state, timestamps included.
 */

/** Who takes the hot seat next: at each new scenario, or after every `n` decisions of the session. */
export type HotSeatRotation = { every: 'scenario' } | { every: 'decisions'; n: number };

/** A scenario the session plays, pinned to the version the trainer started with. */
export interface ScenarioRef {
  id: string;
  version: number;
}

/** A trainee expected in the room (the hot-seat order): their phone joins with this id. */
export interface RosterEntry {
  id: string;
  name: string;
}

/** How a round's move was taken: the hot seat's vote, the room's majority, or the trainer's own pick. */
export type DecisionSource = 'hotSeat' | 'majority' | 'trainer';

export type LiveEvent =
  | { type: 'started'; at: number; scenarios: ScenarioRef[]; seed: number; roster: RosterEntry[]; rotation: HotSeatRotation }
  | { type: 'joined'; at: number; participant: string; name: string }
  | { type: 'left'; at: number; participant: string }
  | { type: 'voteOpened'; at: number; /** null: no timer, the trainer closes the vote. */ durationMs: number | null }
  | { type: 'voteCast'; at: number; participant: string; choice: Choice }
  | { type: 'voteClosed'; at: number }
  /** A room without phones: the trainer types the show of hands per move (replaces earlier counts in the round). */
  | { type: 'handsCounted'; at: number; counts: Tally[] }
  | { type: 'decided'; at: number; source: 'hotSeat' | 'majority' }
  | { type: 'decided'; at: number; source: 'trainer'; choice: Choice }
  | { type: 'revealed'; at: number }
  | { type: 'advanced'; at: number }
  | { type: 'paused'; at: number }
  | { type: 'resumed'; at: number }
  | { type: 'undone'; at: number }
  | { type: 'skipped'; at: number }
  | { type: 'ended'; at: number };

export type LiveEventType = LiveEvent['type'];

/** Where the room is; `paused` is a flag on top of it, so a resume returns to the same phase. */
export type LivePhase = 'lobby' | 'presenting' | 'voting' | 'revealed' | 'summary';

export interface Participant {
  id: string;
  name: string;
  /** False after `left`: their votes stay counted, and a `joined` brings them back. */
  present: boolean;
}

/** How many voted for one move, in the order a tie is broken (votes.ts). */
export interface Tally {
  choice: Choice;
  count: number;
}

export interface Vote {
  open: boolean;
  durationMs: number | null;
  /** Timer left when it last (re)started at `since`; null without a timer. */
  remainingMs: number | null;
  since: number;
  /** Each participant's current vote, by participant id. */
  votes: Record<string, Choice>;
  /** Hands counted by the trainer (no phones), moves with no hands left out. */
  hands: Tally[];
  /** Phone votes and hands together. */
  tallies: Tally[];
}

/** One move the room made, with everything needed to review the votes and to undo it exactly. */
export interface LiveDecision {
  scenarioIndex: number;
  /** Index of the decision within its scenario's conversation. */
  index: number;
  choice: Choice;
  source: DecisionSource;
  hotSeat: string | null;
  /** The round's (closed) vote, or null when the trainer picked without one. */
  vote: Vote | null;
  /** The conversation the room decided in. */
  before: ConversationState;
}

export interface LiveState {
  phase: LivePhase;
  paused: boolean;
  seed: number;
  scenarios: ScenarioRef[];
  roster: RosterEntry[];
  rotation: HotSeatRotation;
  participants: Participant[];
  scenarioIndex: number;
  /** The decision the room is on in the current scenario (0 for its first). */
  round: number;
  /** One conversation per scenario reached; the last is the current one. */
  conversations: ConversationState[];
  hotSeat: string | null;
  vote: Vote | null;
  /** Whether the room has been shown the feedback on the round's decision. */
  feedbackShown: boolean;
  decisions: LiveDecision[];
}

export type Verdict = { ok: true } | { ok: false; reason: string };
