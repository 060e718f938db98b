import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TFunction } from 'i18next';
import { availableOptions, canTakeBreath, customerAnswers, customerLineId, type Choice, type ConversationState } from '../../src/engine/index.ts';
import { createTranslator, isLanguage, LANGUAGES } from '../../src/i18n/index.ts';
import { lineIds, type Scenario } from '../../src/scenario/index.ts';
import { buildPlaythrough, renderPlaythrough } from '../../src/transcript.ts';
import { DIALOGUES_DIR, loadResources, localesBeside } from '../library.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';
import { readValidScenario, scenarioFileFor } from './scenarios.ts';
import { choiceNamed, choicesFromScript, choicesOf, parseChoiceList, startConversation } from './script.ts';

const USAGE = `usage: npm run play -- --scenario <id> [--lang en|ru] [--choices 2,1,breath,3,wait] [--seed N] [--json] [--dir <folder>]

Plays a scenario in the terminal: type an option's number, b for a breath, q to quit. Answers can
also be piped in, one a line. Prompts go to stderr; the playthrough (transcript and scores) to stdout.

  --scenario <id>   the scenario to play: its file name in dialogues/ without .yaml
  --lang en|ru      the language of the text (default: en)
  --choices <list>  play these moves instead of asking: option numbers as shown, breath, wait
  --seed N          shuffle the order of the replies with this seed (default: as written)
  --json            print the playthrough as one JSON object
  --dir <folder>    read dialogues/ and locales/ from this folder (default: the project's)
  -h, --help        show this help
`;

export function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('play', USAGE, io, async () => {
    const { values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        choices: { type: 'string' },
        json: { type: 'boolean', default: false },
        seed: { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const language = values.lang;
    if (!isLanguage(language)) throw new UsageError(`unknown language "${language}"; choose one of: ${LANGUAGES.join(', ')}`);
    if (values.scenario === undefined) throw new UsageError(`--scenario is required; see --help`);
    const dialoguesDir = values.dir === undefined ? DIALOGUES_DIR : join(values.dir, 'dialogues');
    const scenario = readValidScenario(scenarioFileFor(dialoguesDir, values.scenario));
    const seed = values.seed === undefined ? null : parseSeed(values.seed);
    const i18n = await createTranslator(language, loadResources(localesBeside(dialoguesDir), language, scenario.id), { escapeValue: false });
    const t = i18n.t.bind(i18n) as TFunction;

    const choices = values.choices === undefined ? await playInteractively(scenario, seed, t, io) : choicesFromScript(scenario, parseChoiceList(values.choices), seed);
    const playthrough = buildPlaythrough(scenario, choices, seed, t);
    io.stdout(
      values.json
        ? `${JSON.stringify({ scenario: scenario.id, lang: language, outcome: playthrough.outcome, scores: playthrough.scores, transcript: playthrough.transcript })}\n`
        : renderPlaythrough(playthrough, t, t(lineIds.customerName, { ns: scenario.id })),
    );
    return 0;
  });
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--seed must be a whole number, got "${text}"`);
  return Number(text);
}

/**
 * Asks for moves until the conversation ends, the person types q or the input runs out, and
 * returns the moves made. Everything shown goes to stderr, so stdout carries only the result.
 */
async function playInteractively(scenario: Scenario, seed: number | null, t: TFunction, io: CliIo): Promise<Choice[]> {
  const conversation = startConversation(scenario, seed);
  const say = (key: string) => t(key, { ns: scenario.id });
  const print = (text: string) => io.stderr(`${text}\n`);
  const ask = () => {
    showTurn(scenario, conversation.state(), t, print);
    io.stderr(`${t('play.prompt')}: `);
  };

  print(`\n${say(lineIds.title)}\n${say(lineIds.brief)}\n`);
  ask();
  for await (const line of io.stdin) {
    // A terminal echoes what is typed; piped answers are echoed here so the session reads the same.
    if (!io.isTTY) print(line);
    const answer = line.trim().toLowerCase();
    if (answer === 'q') return choicesOf(conversation.state());
    const choice = choiceNamed(scenario, conversation.state(), answer === 'b' ? 'breath' : answer);
    const refusal = choice === null ? t('play.invalid') : conversation.move(choice);
    if (refusal !== null) print(refusal);
    if (conversation.state().outcome !== null) return choicesOf(conversation.state());
    ask();
  }
  print('\n(the input ended before the conversation did)');
  return choicesOf(conversation.state());
}

function showTurn(scenario: Scenario, state: ConversationState, t: TFunction, print: (text: string) => void): void {
  const say = (key: string) => t(key, { ns: scenario.id });
  const last = state.decisions.at(-1);
  print(last === undefined || customerAnswers(last.choice, last, state) ? `\n${say(lineIds.customerName)}: ${say(customerLineId(scenario, state))}` : t('breath.back'));
  availableOptions(scenario, state).forEach((option, i) => print(`  ${i + 1}. ${say(lineIds.replyText(state.node, option.reply.id))}${option.locked ? `  (${t('play.locked')})` : ''}`));
  if (canTakeBreath(state)) print(`  b. ${t('breath.action')}`);
  print(`  [${t('play.mood')} ${state.mood} · ${t('play.composure')} ${state.composure}]`);
}
