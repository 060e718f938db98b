import { choiceKey, scoreChoices, SKILLS, WEAK_BELOW, type Choice, type Decision, type DecisionReview, type Outcome, type Scenario, type Skill } from '../../src/index.ts';
import type { ScormRuntime } from './api.ts';
import { ELEMENTS, interactionPairs, outcomePairs, sessionTime, startedPairs, type Pairs, type Verdict } from './cmi.ts';
import { encodeSuspendData } from './suspend.ts';

/**
 * What the game tells an LMS, whatever the LMS speaks: a conversation began (perhaps with choices
 * already made, replayed or resumed, which were reported before), each decision as it is made
 * (with the outcome when it ended the conversation), and that the page is going away. SCORM is one
 * reporter; an xAPI or cmi5 one takes the same calls.
 */
export interface LmsReporter {
  begun(start: { scenario: Scenario; seed: number; choices: readonly Choice[] }): void;
  decided(decision: Decision, outcome: Outcome | null): void;
  leaving(): void;
}

export interface ScormReporterOptions {
  runtime: ScormRuntime;
  /** The SCO's scenario: attempts of any other (played from the menu) are not this SCO's to report. */
  scenarioId: string;
  /** Pass mark 0–100. */
  pass: number;
  now: () => number;
  /** What the trainee said, and the skills' names, in the game's language (SCORM 2004 descriptions). */
  describe?: { said(scenario: Scenario, decision: Decision): string; skill(skill: Skill): string };
}

/** A decision's verdict from the core's review: weak is incorrect; where the best and worst moves were worth the same, neutral. */
export function verdictOf(review: DecisionReview): Verdict {
  if (review.totals.expert === review.totals.worst) return 'neutral';
  return review.quality < WEAK_BELOW ? 'incorrect' : 'correct';
}

/**
 * SCORM 1.2 and 2004 through one runtime: an interaction and the suspend data per decision, each
 * committed at once; at the end the score, pass or fail and the skills, then Terminate. Every
 * number comes from the core's scoring of the choices (scoreChoices), never from counting here.
 */
export class ScormReporter implements LmsReporter {
  private readonly launchedAt: number;
  private attempt: { scenario: Scenario; seed: number; choices: Choice[]; lastAt: number } | undefined;
  /** The next interaction's index: interactions are a journal, so a resumed session appends after the LMS's. */
  private nextInteraction: number;
  private finished = false;

  constructor(private readonly options: ScormReporterOptions) {
    this.launchedAt = options.now();
    this.nextInteraction = Number(options.runtime.get(ELEMENTS[options.runtime.version].interactionCount)) || 0;
  }

  begun({ scenario, seed, choices }: { scenario: Scenario; seed: number; choices: readonly Choice[] }): void {
    if (this.finished || scenario.id !== this.options.scenarioId) return;
    this.attempt = { scenario, seed, choices: [...choices], lastAt: this.options.now() };
    const { runtime } = this.options;
    this.write([...startedPairs(runtime.version, runtime.get(ELEMENTS[runtime.version].completion)), this.suspendPair()]);
    this.commit();
  }

  decided(decision: Decision, outcome: Outcome | null): void {
    const attempt = this.attempt;
    if (this.finished || !attempt) return;
    attempt.choices.push(decision.choice);
    const scored = scoreChoices(attempt.scenario, attempt.choices);
    // The game only ever passes moves the rules accepted.
    if (!scored.ok) throw new Error(scored.error);
    const index = attempt.choices.length - 1;
    const review = scored.report.decisions[index] as DecisionReview;
    const { version } = this.options.runtime;
    const said = this.options.describe?.said(attempt.scenario, decision);
    this.write(
      interactionPairs(version, this.nextInteraction++, {
        number: index + 1,
        node: decision.node,
        response: choiceKey(decision.choice),
        verdict: verdictOf(review),
        latencyMs: decision.at - attempt.lastAt,
        at: decision.at,
        skills: SKILLS.filter((skill) => review.skills[skill] !== 0),
        ...(said ? { said } : {}),
      }),
    );
    attempt.lastAt = decision.at;
    if (outcome === null) {
      this.write([this.suspendPair()]);
      this.commit();
      return;
    }
    const { overall, skills } = scored.report;
    const skillNames = this.options.describe && Object.fromEntries(SKILLS.map((skill) => [skill, this.options.describe?.skill(skill) ?? skill]));
    this.write(outcomePairs(version, { overall, skills, passed: overall >= this.options.pass, pass: this.options.pass, ...(skillNames ? { skillNames } : {}) }, this.objectiveIndices()));
    this.end();
  }

  /** The window is closing mid-conversation: keep what there is, marked for resuming. */
  leaving(): void {
    if (this.finished) return;
    this.write([[ELEMENTS[this.options.runtime.version].exit, 'suspend']]);
    this.end();
  }

  private end(): void {
    this.commit();
    this.options.runtime.finish();
    this.finished = true;
  }

  private commit(): void {
    this.write([[ELEMENTS[this.options.runtime.version].sessionTime, sessionTime(this.options.runtime.version, this.options.now() - this.launchedAt)]]);
    this.options.runtime.commit();
  }

  private suspendPair(): [string, string] {
    const attempt = this.attempt as NonNullable<ScormReporter['attempt']>;
    return ['cmi.suspend_data', encodeSuspendData(attempt.scenario, attempt.seed, attempt.choices)];
  }

  /** Each skill's objective: where the LMS already has one by that id (a 2004 LMS may list the manifest's, a resumed attempt its own), else appended. */
  private objectiveIndices(): (skill: Skill) => number {
    const { runtime } = this.options;
    const count = Number(runtime.get('cmi.objectives._count')) || 0;
    const known = new Map(Array.from({ length: count }, (_, n) => [runtime.get(`cmi.objectives.${n}.id`), n] as const));
    let next = count;
    const indices = new Map(SKILLS.map((skill) => [skill, known.get(skill) ?? next++]));
    return (skill) => indices.get(skill) as number;
  }

  /** Values the LMS refuses are reported on the console and skipped: one refused field must not cost the rest. */
  private write(pairs: Pairs): void {
    for (const [element, value] of pairs) {
      if (!this.options.runtime.set(element, value)) console.warn(`LMS refused ${element} = "${value}" (error ${this.options.runtime.lastError()})`);
    }
  }
}
