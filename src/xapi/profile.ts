/**
 * Hold the Line's xAPI profile (docs/xapi.md): the verbs, activity types and extensions its
 * statements use. The IRIs are identifiers, fixed once published: an LRS and every report built on
 * it group statements by them, so none of them may ever change.
 */

/** Everything the profile defines lives under this base. */
export const XAPI_BASE = 'https://holdtheline.example/xapi';

const adlVerb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } });

export const VERBS = {
  attempted: adlVerb('attempted'),
  answered: adlVerb('answered'),
  /** A pause: the trainee took a breath instead of replying. No standard verb says this. */
  breathed: { id: `${XAPI_BASE}/verbs/took-a-breath`, display: { 'en-US': 'took a breath' } },
  completed: adlVerb('completed'),
  passed: adlVerb('passed'),
  failed: adlVerb('failed'),
} as const;

export const ACTIVITY_TYPES = {
  /** A scenario: one conversation with one customer. */
  scenario: 'http://adlnet.gov/expapi/activities/simulation',
  /** One node of a scenario, where the trainee chooses a reply. */
  decision: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

const extension = (name: string) => `${XAPI_BASE}/extensions/${name}`;

/** Result extensions: what a decision did, or what an attempt scored. */
export const RESULT_EXTENSIONS = {
  /** {calm, notPersonal, empathy, concreteFix}: a decision's effects (−3…3 each), or an attempt's scores (0–100 each). */
  skills: extension('skills'),
  /** The customer's mood, 0 (calm) to 100 (furious), before and after the decision. */
  moodBefore: extension('mood-before'),
  moodAfter: extension('mood-after'),
  /** The trainee's composure, 0–100, before and after the decision. */
  composureBefore: extension('composure-before'),
  composureAfter: extension('composure-after'),
  /** Share of what was possible at this decision, 0–1. */
  quality: extension('quality'),
  /** True when quality is below the weak mark (0.6): the debrief shows a better reply. */
  weak: extension('weak'),
  /** The principles (P1–P19, docs/principles.md) the decision's review teaches. */
  principles: extension('principles'),
  /** For a weak decision: the reply id that was better there, or null when the better move was not a reply. */
  betterReply: extension('better-reply'),
  /** How the conversation ended: resolved, escalated, customerLost or publicComplaint. */
  outcome: extension('outcome'),
} as const;

/** Context extensions: where a statement belongs. */
export const CONTEXT_EXTENSIONS = {
  /** The attempt's id (a UUID chosen by the device). */
  attempt: extension('attempt'),
  /** The scenario's version number, since nodes differ between versions. */
  scenarioVersion: extension('scenario-version'),
  /** The version of the scoring rules that computed the scores. */
  scoringVersion: extension('scoring-version'),
  /** A decision's position in the attempt, from 0. */
  decisionIndex: extension('decision-index'),
  /** The scenario node the decision was made at. */
  node: extension('node'),
  /** The overall score (0–100) an attempt needed to pass. */
  passMark: extension('pass-mark'),
} as const;

export const PLATFORM = 'Hold the Line';
