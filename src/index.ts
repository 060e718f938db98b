/**
 * The public, headless API of Hold the Line: the game, the terminal player, the server, live
 * rooms and LMS wrappers import from here and nowhere else in src/. It runs in Node and in the
 * browser; nothing here touches the DOM, the network or a clock it was not given.
 */

// Vocabulary: skills, outcomes, principles, channels, mood bands.
export * from './rubric.ts';
export { COMMON_NAMESPACE, createTranslator, isLanguage, LANGUAGES, type Language } from './i18n/index.ts';

// Content: parse and check a scenario and its text; line ids.
export { parseScenario, type ParseResult } from './scenario/parse.ts';
export { checkMissingText, checkScenarioText, type LocaleFile } from './scenario/checkLocales.ts';
export { decisionTextId, flattenKeys, lineIds, requiredLineIds } from './scenario/lineIds.ts';
export { missingPluralForms, pluralBase } from './scenario/plurals.ts';
export { formatProblem, type Problem } from './scenario/problems.ts';
export type { ScenarioParts } from './scenario/salvage.ts';
export { ID_PATTERN, replyTargets, type Condition, type Reply, type Scenario, type ScenarioNode } from './scenario/schema.ts';
export { CATALOG_KEYS, catalogOrder, type CatalogEntry, type ScenarioBundle } from './content.ts';

// The conversation: rules, the actor, the session a view drives, bots.
export {
  applyChoice,
  availableOptions,
  canTakeBreath,
  customerAnswers,
  customerLineId,
  initialState,
  legalChoices,
  refusalOf,
  replayChoices,
  type Choice,
  type ConversationState,
  type Decision,
  type ReplayStep,
  type ReplyOption,
} from './engine/rules.ts';
export {
  choiceFor,
  conversationLogic,
  eventFor,
  type ConversationEvent,
  type ConversationInput,
  type ConversationLogic,
  type ConversationSnapshot,
  type MoveRejected,
} from './engine/conversationLogic.ts';
export { createSessionMachine, REACTION_MS, type SessionContext, type SessionEvent, type SessionMachine } from './session/sessionMachine.ts';
export { simulate } from './engine/simulate.ts';
export { createRandom } from './random.ts';

// Every path through a scenario: counts, exact score bounds, author-facing findings.
export { analyseConversation, analysePaths, type ConversationAnalysis, type PathAnalysis } from './analysis/paths.ts';
export { asTokens, checkPaths, describeAnalysis, RESOLVED_FLOOR, type PathFinding } from './analysis/lint.ts';
export { mermaidGraph } from './analysis/mermaid.ts';
export { DIFFICULTY_THRESHOLDS, measuredDifficulty, MOSTLY_GOOD_EXPERT, mostlyGoodOdds, type OutcomeOdds } from './analysis/mostlyGood.ts';
export {
  mostlyGood,
  surfaceCues,
  surfaceReport,
  SURFACE_DEFAULTS,
  textBots,
  textFreeBots,
  type BotSummary,
  type MostlyGood,
  type OwnSkill,
  type SurfaceCues,
  type SurfaceOptions,
  type SurfaceReport,
  type TextLookup,
} from './analysis/surfaceBots.ts';

// Scores, explanations, stored attempts.
export { expertContinuation, expertMove, reviewDecision, scoreChoices, WEAK_BELOW, type DecisionReview, type ScoreReport, type ScoreResult } from './scoring/score.ts';
export { SCORING_VERSION } from './scoring/version.ts';
export { Conversation, explainDecision, replayAttempt, screenOf, startConversation, translatorFor, type ConversationSetup, type Explanation, type Screen } from './conversation.ts';
export { buildPlaythrough, renderPlaythrough, type Playthrough, type TranscriptEntry } from './transcript.ts';
export type { Attempt } from './records/attempt.ts';
export {
  assembleAttempt,
  checkAttemptReplay,
  decisionRecord,
  newAttemptRecord,
  newProfileRecord,
  readAttemptRecord,
  readDecisionRecord,
  readProfileRecord,
  RECORD_SCHEMA_VERSION,
  withDecision,
  type AttemptRecord,
  type AttemptStart,
  type AttemptStatus,
  type DecisionRecord,
  type ProfileRecord,
  type RecordCheck,
  type RecordProblem,
  type ReplayCheck,
} from './records/record.ts';
export { cleanTraineeName, DEFAULT_PREFERENCES, parsePreferences, PREFERENCES_KEY, withBestScore, type Preferences } from './records/preferences.ts';

// What the manager's dashboard reads (the server computes the same in SQL).
export {
  attentionReasons,
  matchesFilter,
  summariseCohort,
  summariseTrainee,
  trendOf,
  TREND_STEP,
  TREND_WINDOW,
  weakestSkill,
  type AttemptFacts,
  type AttemptFilter,
  type AttentionRule,
  type ScenarioCell,
  type TraineeSummary,
  type Trend,
} from './reports/cohort.ts';
export { choiceKey, summariseScenario, type ChoiceCount, type DecisionFacts, type ScenarioReport } from './reports/scenario.ts';
export type {
  AttemptDetail,
  AttemptExportRow,
  CoachingNote,
  CohortResponse,
  CohortRow,
  DecisionDetail,
  DecisionExportRow,
  ExportResponse,
  LiveResult,
  LiveScore,
  LiveSessionRow,
  ScenarioResponse,
  TraineeRef,
  TraineeResponse,
} from './reports/api.ts';

// xAPI: the profile and its statements, for the team server's LRS delivery and for LMS launches (cmi5).
export { ACTIVITY_TYPES, CONTEXT_EXTENSIONS, PLATFORM, RESULT_EXTENSIONS, VERBS, XAPI_BASE } from './xapi/profile.ts';
export {
  attemptedStatement,
  attemptResult,
  attemptStatements,
  decisionStatement,
  endStatements,
  statementId,
  traineeAgent,
  type AttemptStatements,
  type PlayedAttempt,
  type StatementSetting,
} from './xapi/statements.ts';
export type { LrsStatus } from './xapi/status.ts';
export type { XapiActivity, XapiAgent, XapiContext, XapiResult, XapiStatement } from './xapi/types.ts';
export { nameUuid, sha1, STATEMENT_NAMESPACE } from './xapi/uuid.ts';

// Live role-play sessions: the room as an append-only event log, its fold, its statechart, its scores.
export type {
  DecisionSource,
  HotSeatRotation,
  LiveDecision,
  LiveEvent,
  LiveEventType,
  LivePhase,
  LiveState,
  Participant,
  RosterEntry,
  ScenarioRef,
  Tally,
  Verdict,
  Vote,
} from './live/events.ts';
export { applyEvent, emptyLiveState, foldLog } from './live/fold.ts';
export { currentConversation, currentScenario, scenarioAt, scenarioFor, validateEvent, type ScenarioLibrary } from './live/validate.ts';
export { hotSeatOf, majorityOf, tallyVotes } from './live/votes.ts';
export { liveSessionMachine, voteClosesAt, type LiveEventRejected, type LiveSessionContext, type LiveSessionInput, type LiveSessionMachine } from './live/machine.ts';
export {
  hotSeatCredits,
  officialAttempt,
  participantScores,
  scoreOfReviews,
  voteReviews,
  type HotSeatCredit,
  type HotSeatDecision,
  type ParticipantScore,
  type ReviewedScore,
  type RoomAttempt,
  type VoteReview,
} from './live/scoring.ts';
export { CLEAR_MAJORITY, sessionSummary, type DecisionSummary, type JudgedChoice, type SessionSummary } from './live/summary.ts';
export { viewFor, type ControllerView, type ParticipantView, type ProjectorView, type PublicDecisionSummary, type PublicVote, type RoomSnapshot, type RoomView, type RoundDecision, type Viewer } from './live/views.ts';
export { controllerMessage, parseMessage, participantMessage, type ControllerMessage, type ParticipantMessage, type RoomMessage } from './live/messages.ts';
