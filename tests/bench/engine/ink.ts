/**
 * The equivalent conversation as an ink story: a knot per decision, a choice per reply that
 * changes the `mood` variable (clamped with MIN/MAX), checks the breaking point and diverts on.
 * Compiled with inkjs's compiler once, outside the timed part, and played with Continue() /
 * currentChoices / ChooseChoiceIndex, the way a game drives ink.
 */
import { Compiler, Story } from 'inkjs/full';
import { REPLIES, type Description, type Trace } from './description.ts';

export function inkSource(description: Description): string {
  const lines = [`VAR mood = ${description.startMood}`, `-> ${description.decisions[0]?.id}`, ''];
  description.decisions.forEach((decision, d) => {
    const next = description.decisions[d + 1]?.id ?? 'finale';
    lines.push(`=== ${decision.id} ===`, `Customer line ${d + 1}.`);
    for (const reply of decision.replies) {
      lines.push(
        `* [${reply.id}]`,
        `    ~ mood = MAX(0, MIN(100, mood ${reply.mood < 0 ? '-' : '+'} ${Math.abs(reply.mood)}))`,
        `    { mood >= ${description.breaksAt}: -> hangs_up }`,
        `    -> ${next}`,
      );
    }
    lines.push('');
  });
  lines.push(
    '=== finale ===',
    `{ mood < ${description.calmBelow}: -> resolved }`,
    '-> lost',
    '=== resolved ===',
    'OUTCOME resolved',
    '-> END',
    '=== lost ===',
    'OUTCOME customerLost',
    '-> END',
    '=== hangs_up ===',
    'OUTCOME customerLost',
    '-> END',
  );
  return lines.join('\n');
}

/** Compiles the story and loads it from its JSON, as a shipped game would. */
export function buildInkStory(description: Description): Story {
  const compiler = new Compiler(inkSource(description));
  const compiled = compiler.Compile();
  if (compiler.errors.length > 0) throw new Error(`the ink story does not compile: ${compiler.errors.join('; ')}`);
  const json = compiled.ToJson();
  if (json === undefined) throw new Error('the compiled ink story has no JSON');
  return new Story(json);
}

export function inkPlayer(story: Story) {
  return (random: () => number, trace?: (trace: Trace) => void): number => {
    story.ResetState();
    let decisions = 0;
    let text = '';
    const moods: number[] = [];
    for (;;) {
      while (story.canContinue) text = story.Continue() ?? '';
      // A choice's content (the mood change) runs on the Continue() after it.
      if (trace && decisions > 0) moods.push(Number(story.variablesState.$('mood')));
      const choices = story.currentChoices;
      if (choices.length === 0) break;
      if (trace && choices.length !== REPLIES) throw new Error(`ink offers ${choices.length} choices, not ${REPLIES}`);
      story.ChooseChoiceIndex(Math.floor(random() * REPLIES));
      decisions++;
    }
    if (trace) {
      const outcome = /^OUTCOME (\w+)/.exec(text)?.[1];
      if (outcome !== 'resolved' && outcome !== 'customerLost') throw new Error(`ink ended without an outcome: "${text}"`);
      trace({ moods, outcome });
    }
    return decisions;
  };
}
