/**
 * The version of the scoring rules. Bump it whenever a change in src/scoring makes a replay of the
 * same decisions score differently: stored scores keep the version they were computed with, so
 * the server (and anything else that keeps scores) knows which ones to recompute.
 */
export const SCORING_VERSION = 1;
