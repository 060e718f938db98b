import { randomUUID } from 'node:crypto';
import type { LiveEvent, Verdict } from '../../src/index.ts';
import type { LiveCoordination } from './coordination.ts';

export const BUSY: Verdict = { ok: false, reason: 'the room is busy: try again' };

/** The owner's verdict on a forwarded event, with the number the event was stored as when it was accepted. */
export type Answer = Verdict & { seq?: number };

/**
 * Events this instance forwards to the instance that owns their room, and the owner's verdicts
 * coming back (docs/live.md, "Server"). A verdict is awaited for `waitMs`; then the event is taken
 * back if the owner has not taken it (it will never be applied: "busy, try again"), else its
 * verdict gets `waitMs` more. Either way the sender hears an answer in bounded time.
 */
export function createForwarding(coordination: LiveCoordination, waitMs: number) {
  const waiting = new Map<string, (answer: Answer) => void>();

  const within = (answer: Promise<Answer>): Promise<Answer | null> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    return Promise.race([answer, late]).finally(() => clearTimeout(timer));
  };

  return {
    async forward(roomId: string, event: Omit<LiveEvent, 'at'>): Promise<Answer> {
      const id = randomUUID();
      // Waiting before sending: the verdict cannot come back before anyone listens for it.
      const answer = new Promise<Answer>((resolve) => waiting.set(id, resolve));
      try {
        await coordination.forward(roomId, { id, event });
        const verdict = await within(answer);
        if (verdict) return verdict;
        if (await coordination.withdraw(id)) return BUSY;
        return (await within(answer)) ?? BUSY;
      } finally {
        waiting.delete(id);
      }
    },

    /** An answer heard on VERDICTS_CHANNEL: `<command id>:<answer>`; another instance's are ignored. */
    heard(payload: string): void {
      const colon = payload.indexOf(':');
      waiting.get(payload.slice(0, colon))?.(JSON.parse(payload.slice(colon + 1)) as Answer);
    },
  };
}
