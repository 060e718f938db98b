export { overallOf, reviewDecision, scoreChoices, type DecisionReview, type ScoreReport, type ScoreResult } from './score.ts';
