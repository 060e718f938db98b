import { html } from 'lit';
import { validateEvent, type LiveEvent, type LiveState, type Scenario, type Verdict } from '../../../src/index.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';
import type { LiveEventInput } from '../local/room.ts';
import type { LiveText } from '../text.ts';

/** What every part of the controller works with: the room's whole state, the scenarios it plays, the rules, and the way to act. */
export interface Desk {
  text: LiveText;
  book: ScenarioBook;
  state: LiveState;
  /** The scenarios loaded so far (the room's, and those picked in the lobby). */
  library: readonly Scenario[];
  /** A room without a server: no phones, typed names and hands counted. */
  local: boolean;
  send(event: LiveEventInput): void;
}

/**
 * Whether the room would take `event` now, or why not: the same rules the room judges it by
 * (validateEvent on the controller's state), so a button is enabled exactly when its event is valid.
 */
export function verdictOf(desk: Desk, event: LiveEventInput): Verdict {
  return validateEvent(desk.state, { ...event, at: Date.now() } as LiveEvent, desk.library);
}

/** A button that sends `event`, disabled (saying why, on hover and to a screen reader) whenever the rules would refuse it. */
export function eventButton(desk: Desk, event: LiveEventInput, label: string, options: { primary?: boolean; id?: string } = {}) {
  const verdict = verdictOf(desk, event);
  return html`<button
    type="button"
    class=${options.primary ? 'primary' : ''}
    data-event=${options.id ?? event.type}
    ?disabled=${!verdict.ok}
    title=${verdict.ok ? label : verdict.reason}
    @click=${() => desk.send(event)}
  >
    ${label}
  </button>`;
}
