import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TFunction } from 'i18next';
import { buildPlaythrough, Conversation, createTranslator, customerAnswers, isLanguage, LANGUAGES, lineIds, renderPlaythrough } from '../../src/index.ts';
import { DIALOGUES_DIR, loadResources, localesBeside } from '../library.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';
import { readValidScenario, scenarioFileFor } from './scenarios.ts';
import { choiceNamed, choicesOf, parseChoiceList, playScript } from './script.ts';

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
    if (values.scenario === undefined) throw new UsageError('--scenario is required; see --help');
    const dialoguesDir = values.dir === undefined ? DIALOGUES_DIR : join(values.dir, 'dialogues');
    const scenario = readValidScenario(scenarioFileFor(dialoguesDir, values.scenario));
    const seed = values.seed === undefined ? null : parseSeed(values.seed);
    const t = createTranslator(language, loadResources(localesBeside(dialoguesDir), language, scenario.id), { escapeValue: false }).t;
    const conversation = new Conversation(scenario, { t, seed });
    if (values.choices === undefined) await playInteractively(conversation, t, io);
    else playScript(conversation, parseChoiceList(values.choices));

    const playthrough = buildPlaythrough(scenario, choicesOf(conversation.state), seed, t);
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
 * Asks for moves until the conversation ends, the person types q or the input runs out. Everything
 * shown goes to stderr, so stdout carries only the result.
 */
async function playInteractively(conversation: Conversation, t: TFunction, io: CliIo): Promise<void> {
  const { scenario } = conversation;
  const say = (key: string) => t(key, { ns: scenario.id });
  const print = (text: string) => io.stderr(`${text}\n`);
  const ask = () => {
    showTurn(conversation, t, print);
    io.stderr(`${t('play.prompt')}: `);
  };

  print(`\n${say(lineIds.title)}\n${say(lineIds.brief)}\n`);
  ask();
  for await (const line of io.stdin) {
    // A terminal echoes what is typed; piped answers are echoed here so the session reads the same.
    if (!io.isTTY) print(line);
    const answer = line.trim().toLowerCase();
    if (answer === 'q') return;
    const choice = choiceNamed(scenario, conversation.state, answer === 'b' ? 'breath' : answer);
    const move = choice === null ? { ok: false, reason: t('play.invalid') } : conversation.choose(choice);
    if (!move.ok) print(move.reason);
    if (conversation.state.outcome !== null) return;
    ask();
  }
  print('\n(the input ended before the conversation did)');
}

function showTurn(conversation: Conversation, t: TFunction, print: (text: string) => void): void {
  const { scenario, state } = conversation;
  const screen = conversation.screen();
  const last = state.decisions.at(-1);
  print(last === undefined || customerAnswers(last.choice, last, state) ? `\n${t(lineIds.customerName, { ns: scenario.id })}: ${screen.customer.text}` : t('breath.back'));
  screen.replies.forEach((reply, i) => print(`  ${i + 1}. ${reply.text}${reply.locked ? `  (${t('play.locked')})` : ''}`));
  if (screen.canBreathe) print(`  b. ${t('breath.action')}`);
  print(`  [${t('play.mood')} ${screen.mood} · ${t('play.composure')} ${screen.composure}]`);
}
