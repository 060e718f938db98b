import { expect } from 'vitest';
import { choiceKey, scoreChoices, SKILLS, WEAK_BELOW, type Choice, type Scenario } from '../../src/index.ts';

/**
 * Reading what a SCO left in scorm-again's data model (its `renderCMIToJSONObject()`), the same
 * for the unit tests in Node and the browser tests, and checking it against the core's own scoring.
 */

export type ScormVersion = '1.2' | '2004';
type Tree = { [key: string]: string | Tree };

export interface CmiInteraction {
  id: string;
  type: string;
  response: string;
  result: string;
  latency: string;
  objectives: string[];
}

const branch = (tree: Tree, key: string): Tree => (typeof tree[key] === 'object' ? (tree[key] as Tree) : {});
const leaf = (tree: Tree, key: string): string => (typeof tree[key] === 'string' ? (tree[key] as string) : '');
/** scorm-again keeps a list as an object keyed "0", "1"…; in order. */
const list = (tree: Tree) => Object.keys(tree).sort((a, b) => Number(a) - Number(b)).map((key) => tree[key] as Tree);

export interface CmiSummary {
  status: { completion: string; success: string };
  score: { raw: string; scaled: string | null; min: string; max: string };
  sessionTime: string;
  exit: string;
  suspendData: string;
  interactions: CmiInteraction[];
  objectives: Record<string, { raw: string; status: string }>;
}

/** The facts a SCO reports, whichever version: SCORM 1.2's lesson_status stands for both completion and success. */
export function summariseCmi(version: ScormVersion, json: unknown): CmiSummary {
  const cmi = branch(json as Tree, 'cmi');
  const core = version === '1.2' ? branch(cmi, 'core') : cmi;
  const score = branch(core, 'score');
  const lessonStatus = leaf(core, 'lesson_status');
  return {
    status: version === '1.2' ? { completion: lessonStatus, success: lessonStatus } : { completion: leaf(cmi, 'completion_status'), success: leaf(cmi, 'success_status') },
    score: { raw: leaf(score, 'raw'), scaled: version === '1.2' ? null : leaf(score, 'scaled'), min: leaf(score, 'min'), max: leaf(score, 'max') },
    sessionTime: leaf(core, 'session_time'),
    exit: leaf(core, 'exit'),
    suspendData: leaf(cmi, 'suspend_data'),
    interactions: list(branch(cmi, 'interactions')).map((interaction) => ({
      id: leaf(interaction, 'id'),
      type: leaf(interaction, 'type'),
      response: leaf(interaction, version === '1.2' ? 'student_response' : 'learner_response'),
      result: leaf(interaction, 'result'),
      latency: leaf(interaction, 'latency'),
      objectives: list(branch(interaction, 'objectives')).map((objective) => leaf(objective, 'id')),
    })),
    objectives: Object.fromEntries(
      list(branch(cmi, 'objectives')).map((objective) => [leaf(objective, 'id'), { raw: leaf(branch(objective, 'score'), 'raw'), status: leaf(objective, version === '1.2' ? 'status' : 'success_status') }]),
    ),
  };
}

/** Holds a finished attempt's report to the core's scoring of the same choices: every decision, the skills, the score and pass or fail. */
export function expectReportOf(version: ScormVersion, summary: CmiSummary, scenario: Scenario, choices: readonly Choice[], pass: number): void {
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  const { report } = scored;
  const wrong = version === '1.2' ? 'wrong' : 'incorrect';
  expect(summary.interactions).toHaveLength(choices.length);
  summary.interactions.forEach((interaction, index) => {
    const review = report.decisions[index];
    if (!review) throw new Error(`no review ${index}`);
    const verdict = review.totals.expert === review.totals.worst ? 'neutral' : review.quality < WEAK_BELOW ? wrong : 'correct';
    expect(interaction).toMatchObject({ id: `decision-${index + 1}-${review.node}`, type: 'choice', response: choiceKey(review.choice), result: verdict });
    expect(interaction.objectives).toEqual(SKILLS.filter((skill) => review.skills[skill] !== 0));
    expect(interaction.latency).toMatch(version === '1.2' ? /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/ : /^PT(\d+H)?(\d+M)?[\d.]+S$/);
  });
  const passed = report.overall >= pass ? 'passed' : 'failed';
  expect(summary.score).toMatchObject({ raw: String(report.overall), min: '0', max: '100' });
  if (version === '2004') expect(Number(summary.score.scaled)).toBeCloseTo(report.overall / 100, 6);
  expect(summary.status).toEqual(version === '1.2' ? { completion: passed, success: passed } : { completion: 'completed', success: passed });
  expect(summary.objectives).toEqual(Object.fromEntries(SKILLS.map((skill) => [skill, { raw: String(report.skills[skill]), status: report.skills[skill] >= pass ? 'passed' : 'failed' }])));
  expect(summary.suspendData).toBe('');
}
