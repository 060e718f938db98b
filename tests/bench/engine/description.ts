/**
 * One description of the benchmark's equivalent conversation. Our scenario, the ink story and the
 * bare XState machine are all generated from it (see scenario.ts, ink.ts, bareXState.ts), so the
 * three cannot drift apart.
 *
 * The conversation: `decisions` customer lines in a row, each answered with one of `replies`
 * replies. Every reply changes the customer's mood (clamped to 0–100) and leads to the next line.
 * After every reply the breaking point is checked (mood at least `breaksAt` ends the call at once);
 * after the last reply the call ends resolved if mood is below `calmBelow`, else the customer is lost.
 */
import type { SkillVector } from '../../../src/rubric.ts';

export interface DescribedReply {
  id: string;
  mood: number;
  skills: SkillVector;
}

export interface Description {
  startMood: number;
  breaksAt: number;
  calmBelow: number;
  decisions: { id: string; replies: DescribedReply[] }[];
}

export const DECISIONS = 12;
export const REPLIES = 3;

/** Reply r at decision d: a cooling, a neutral-ish and a heating reply, rotated so the best index changes. */
const MOOD_DELTAS = [-6, 1, 3];
const SKILLS: SkillVector[] = [
  { calm: 2, notPersonal: 1, empathy: 3, concreteFix: 1 },
  { calm: 0, notPersonal: 1, empathy: 0, concreteFix: 2 },
  { calm: -2, notPersonal: -1, empathy: -2, concreteFix: 0 },
];

export function describeConversation(decisions = DECISIONS, replies = REPLIES): Description {
  const description: Description = {
    startMood: 50,
    breaksAt: 95,
    calmBelow: 40,
    decisions: Array.from({ length: decisions }, (_, d) => ({
      id: `d${String(d + 1).padStart(2, '0')}`,
      replies: Array.from({ length: replies }, (_, r) => {
        const kind = (r + d) % MOOD_DELTAS.length;
        return { id: String.fromCharCode(97 + r), mood: MOOD_DELTAS[kind] as number, skills: SKILLS[kind] as SkillVector };
      }),
    })),
  };
  // The breaking point is tested after every reply in all three, but random play must never reach it:
  // then every playthrough makes exactly `decisions` decisions and the benchmark can count them.
  const worst = description.startMood + description.decisions.reduce((sum, decision) => sum + Math.max(...decision.replies.map((reply) => reply.mood)), 0);
  if (worst >= description.breaksAt) throw new Error(`the breaking point (${description.breaksAt}) is reachable (mood ${worst}); every playthrough must make all decisions`);
  return description;
}

export const clampPercent = (value: number) => Math.max(0, Math.min(100, value));

/** What any of the three reports after a playthrough, to check they played the same conversation. */
export interface Trace {
  /** Mood after each decision. */
  moods: number[];
  outcome: 'resolved' | 'customerLost';
}

/** The reference: what the description says a sequence of reply indexes leads to. */
export function expectedTrace(description: Description, picks: readonly number[]): Trace {
  let mood = description.startMood;
  const moods: number[] = [];
  for (const [d, pick] of picks.entries()) {
    mood = clampPercent(mood + (description.decisions[d]?.replies[pick]?.mood ?? NaN));
    moods.push(mood);
    if (mood >= description.breaksAt) return { moods, outcome: 'customerLost' };
  }
  return { moods, outcome: mood < description.calmBelow ? 'resolved' : 'customerLost' };
}
