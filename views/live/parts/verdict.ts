import { WEAK_BELOW } from '../../../src/index.ts';

/** At least this share of what was possible reads as the best move there was (the review's quality is 1 for the expert's move). */
const BEST = 0.999;

/** How good a move was, in one word the room reads and tests match on. */
export const verdictOf = (quality: number): 'best' | 'fair' | 'weak' => (quality >= BEST ? 'best' : quality >= WEAK_BELOW ? 'fair' : 'weak');
