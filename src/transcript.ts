import type { TFunction } from 'i18next';
import { SKILLS, type Outcome, type SkillVector } from './rubric.ts';
import { availableOptions, customerAnswers, customerLineId, initialState, replayChoices, type Choice, type ConversationState } from './engine/rules.ts';
import { decisionTextId, lineIds } from './scenario/lineIds.ts';
import type { Scenario } from './scenario/schema.ts';
import { scoreChoices, type ScoreReport } from './scoring/score.ts';

export type TranscriptEntry =
  | { speaker: 'customer'; node: string; line: string; text: string }
  | {
      speaker: 'trainee';
      kind: Choice['kind'];
      node: string;
      /** The reply id, or null for a breath or a silence. */
      reply: string | null;
      /** 1-based position among the options shown; null for a breath or a silence. */
      option: number | null;
      text: string;
      mood: { before: number; after: number };
      skills: SkillVector;
      teaches: string[];
      feedback: string;
      better: string | null;
    }
  | { speaker: 'ending'; node: string; outcome: Outcome; text: string };

export interface Playthrough {
  scenario: string;
  outcome: Outcome | null;
  scores: SkillVector & { overall: number };
  transcript: TranscriptEntry[];
}

/** Replays choices (already checked by the engine) into a transcript in the translator's language. */
export function buildPlaythrough(scenario: Scenario, choices: readonly Choice[], seed: number | null, t: TFunction): Playthrough {
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  const report: ScoreReport = scored.report;
  const say = (key: string) => t(key, { ns: scenario.id });

  const transcript: TranscriptEntry[] = [customerEntry(scenario, initialState(scenario, seed), say)];
  const replayed = replayChoices(scenario, choices, seed, ({ index, choice, before, after }) => {
    const review = report.decisions[index];
    if (!review) throw new Error(`decision ${index + 1} has no review`);
    const said = decisionTextId(scenario.id, before.node, choice);
    const betterReply = review.better?.reply;
    transcript.push({
      speaker: 'trainee',
      kind: choice.kind,
      node: before.node,
      reply: choice.kind === 'reply' ? choice.reply : null,
      option: choice.kind === 'reply' ? availableOptions(scenario, before).findIndex((o) => o.reply.id === choice.reply) + 1 : null,
      text: t(said.key, { ns: said.ns }),
      mood: { before: review.moodBefore, after: review.moodAfter },
      skills: review.skills,
      teaches: review.teaches,
      feedback: t(review.feedback.key, { ns: review.feedback.ns }),
      better: betterReply ? say(lineIds.replyText(before.node, betterReply)) : null,
    });
    if (customerAnswers(choice, before, after)) transcript.push(customerEntry(scenario, after, say));
  });
  if (!replayed.ok) throw new Error(replayed.error);
  const state = replayed.state;
  if (state.outcome !== null) transcript.push({ speaker: 'ending', node: state.node, outcome: state.outcome, text: say(lineIds.endingSummary(state.node)) });
  return { scenario: scenario.id, outcome: state.outcome, scores: { ...report.skills, overall: report.overall }, transcript };
}

function customerEntry(scenario: Scenario, state: ConversationState, say: (key: string) => string): TranscriptEntry {
  const line = customerLineId(scenario, state);
  return { speaker: 'customer', node: state.node, line, text: say(line) };
}

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));

/** The readable form used by the terminal player and the golden transcript files. */
export function renderPlaythrough(playthrough: Playthrough, t: TFunction, customerName: string): string {
  const lines = playthrough.transcript.flatMap((entry) => {
    if (entry.speaker === 'customer') return [`${customerName}: ${entry.text}`];
    if (entry.speaker === 'ending') return [`== ${t(`outcomes.${entry.outcome}`)}: ${entry.text}`];
    const effects = SKILLS.map((skill) => `${t(`skills.${skill}`)} ${signed(entry.skills[skill])}`).join(' · ');
    return [
      `${t('play.you')} [${entry.option ?? t(`${entry.kind}.action`)}]: ${entry.text}`,
      `    ${t('play.mood')} ${entry.mood.before} → ${entry.mood.after} · ${effects} · ${entry.teaches.join(', ')}`,
      `    ${entry.feedback}`,
      ...(entry.better === null ? [] : [`    ${t('play.better')}: ${entry.better}`]),
    ];
  });
  const outcome = playthrough.outcome === null ? t('outcomes.unfinished') : t(`outcomes.${playthrough.outcome}`);
  const scores = SKILLS.map((skill) => `${t(`skills.${skill}`)} ${playthrough.scores[skill]}`).join(' · ');
  lines.push(`${t('play.scores')} (${outcome}): ${scores} · ${t('play.overall')} ${playthrough.scores.overall}`);
  return `${lines.join('\n')}\n`;
}
