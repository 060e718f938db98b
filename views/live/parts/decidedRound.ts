import type { Choice, PublicVote, RoomSnapshot } from '../../../src/index.ts';

/**
 * Once the room decides, its snapshot drops the round's vote (the room has moved to the customer's
 * answer). A screen that saw the vote keeps it, so the reveal can show how the room voted and what
 * this phone voted; a screen opened after the decision has nothing to show there.
 */
export class DecidedRound {
  private kept: { scenarioIndex: number; round: number; vote: PublicVote; mine: Choice | null } | null = null;

  /** The vote to show with this snapshot: its own, or the decided round's as last seen. */
  see(view: RoomSnapshot, mine: Choice | null = null): { vote: PublicVote | null; mine: Choice | null } {
    if (view.vote) {
      this.kept = { scenarioIndex: view.scenarioIndex, round: view.round, vote: view.vote, mine };
      return { vote: view.vote, mine };
    }
    const { kept } = this;
    if (view.decision && kept && kept.scenarioIndex === view.scenarioIndex && kept.round === view.decision.index) return { vote: kept.vote, mine: kept.mine };
    return { vote: null, mine: null };
  }
}
