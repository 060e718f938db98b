import { applyChoice, initialState, replayChoices, type Choice, type Scenario } from '../../src/index.ts';

/**
 * What an unfinished conversation needs to go on exactly where it stopped after a relaunch: the
 * seed (the order replies were shown in) and the choices so far. SCORM 1.2 caps suspend_data at
 * 4,096 characters, so each choice is one character: the reply's place among its node's replies
 * as the scenario lists them (0–9, a–z), or B for a breath and S for a silence. The node each
 * character belongs to comes from replaying the ones before it, so the format needs no node ids:
 *
 *   h1|<scenario id>|<scenario version>|<seed, base 36>|<one character per choice>
 *
 * tests/unit/scormSuspend.test.ts holds the longest conversation of every scenario under the cap.
 */

export const SUSPEND_DATA_LIMIT = 4096;
const FORMAT = 'h1';
const REPLY_MARKS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BREATH = 'B';
const SILENCE = 'S';

export interface Suspended {
  seed: number;
  choices: Choice[];
}

const repliesAt = (scenario: Scenario, node: string) => scenario.nodes[node]?.replies ?? [];

export function encodeSuspendData(scenario: Scenario, seed: number, choices: readonly Choice[]): string {
  let marks = '';
  const replayed = replayChoices(scenario, choices, seed, ({ choice, before }) => {
    if (choice.kind !== 'reply') {
      marks += choice.kind === 'breath' ? BREATH : SILENCE;
      return;
    }
    const mark = REPLY_MARKS[repliesAt(scenario, before.node).findIndex((reply) => reply.id === choice.reply)];
    // A node with more replies than marks would need a wider format; the test over the library keeps this from happening.
    if (mark === undefined) throw new Error(`node "${before.node}" has more replies than suspend data can name`);
    marks += mark;
  });
  if (!replayed.ok) throw new Error(replayed.error);
  return [FORMAT, scenario.id, scenario.version, seed.toString(36), marks].join('|');
}

/** The seed and choices, or undefined for anything else: another format, scenario or version, or a move the rules refuse. */
export function decodeSuspendData(scenario: Scenario, text: string): Suspended | undefined {
  const [format, id, version, seedText, marks, ...rest] = text.split('|');
  if (format !== FORMAT || id !== scenario.id || version !== String(scenario.version) || rest.length > 0 || marks === undefined) return undefined;
  if (!/^[0-9a-z]{1,7}$/.test(seedText ?? '')) return undefined;
  const seed = parseInt(seedText as string, 36);
  let state = initialState(scenario, seed);
  const choices: Choice[] = [];
  for (const mark of marks) {
    const reply = repliesAt(scenario, state.node)[REPLY_MARKS.indexOf(mark)];
    const choice: Choice | undefined = mark === BREATH ? { kind: 'breath' } : mark === SILENCE ? { kind: 'silence' } : reply && { kind: 'reply', reply: reply.id };
    const step = choice && applyChoice(scenario, state, choice, 0);
    if (!choice || !step?.ok) return undefined;
    choices.push(choice);
    state = step.state;
  }
  // An ended conversation has nothing to resume.
  return state.outcome === null ? { seed, choices } : undefined;
}
