import type { Decision } from '../engine/rules.ts';
import type { Outcome } from '../rubric.ts';

/**
 * One play of one scenario as plain data: enough to replay it exactly (seed and choices), to
 * score it again, and later to store it, resume it and report it (xAPI statements per decision).
 */
export interface Attempt {
  schemaVersion: 1;
  scenario: string;
  scenarioVersion: number;
  language: string;
  trainee: string;
  seed: number;
  /** Milliseconds from the injected clock when the attempt began. */
  startedAt: number;
  decisions: Decision[];
  outcome: Outcome | null;
}
