import { sessionSummary, type SessionSummary } from '../../src/index.ts';
import type { LiveRoom } from './roomStore.ts';
import type { RoomState } from './rooms.ts';

// Keyed by the room object the rooms hold: when they let an ended room go, its summary goes with it.
const computed = new WeakMap<LiveRoom, { seq: number; summary: SessionSummary }>();

/**
 * The session's summary once the room has reached it, else null. Computed once per room and log
 * length, not once per socket: every screen of an ended room is sent the same summary.
 */
export function summaryOf(current: RoomState): SessionSummary | null {
  if (current.state.phase !== 'summary') return null;
  const known = computed.get(current.room);
  if (known?.seq === current.seq) return known.summary;
  const summary = sessionSummary(current.log, current.library);
  computed.set(current.room, { seq: current.seq, summary });
  return summary;
}
