import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { TFunction } from 'i18next';
import { createActor } from 'xstate';
import { availableOptions, canTakeBreath, createConversationMachine, customerLineId, toEvent, type Choice, type ConversationState } from '../../src/engine/index.ts';
import { createTranslator, isLanguage, LANGUAGES } from '../../src/i18n/index.ts';
import { formatProblem, lineIds, type Scenario } from '../../src/scenario/index.ts';
import { DIALOGUES_DIR, loadResources, localesBeside, readScenarioFile } from '../library.ts';
import { parseChoiceList, scriptedChoice, UsageError } from './script.ts';
import { buildPlaythrough, renderPlaythrough } from '../../src/transcript.ts';

const USAGE = 'usage: npm run play -- --scenario <id> [--lang en|ru] [--choices 2,1,breath,3,wait] [--json] [--seed N] [--dir folder-with-dialogues-and-locales]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      choices: { type: 'string' },
      json: { type: 'boolean', default: false },
      seed: { type: 'string' },
      dir: { type: 'string' },
    },
    strict: true,
  });
  const language = values.lang;
  if (!isLanguage(language)) throw new UsageError(`unknown language "${language}"; choose one of: ${LANGUAGES.join(', ')}`);
  const dialoguesDir = values.dir === undefined ? DIALOGUES_DIR : join(values.dir, 'dialogues');
  const scenario = loadScenario(values.scenario, dialoguesDir);
  const seed = values.seed === undefined ? null : parseSeed(values.seed);
  const i18n = await createTranslator(language, loadResources(localesBeside(dialoguesDir), language, scenario.id), { escapeValue: false });
  const t = i18n.t.bind(i18n) as TFunction;

  const actor = createActor(createConversationMachine(scenario), { input: { seed } }).start();
  const choices: Choice[] = [];
  const choose = (choice: Choice) => {
    actor.send(toEvent(choice));
    choices.push(choice);
  };

  if (values.choices !== undefined) {
    parseChoiceList(values.choices).forEach((token, index) => choose(scriptedChoice(scenario, actor.getSnapshot().context, token, index)));
  } else {
    await playInteractively(scenario, t, () => actor.getSnapshot().context, choose);
  }

  const playthrough = buildPlaythrough(scenario, choices, seed, t);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ scenario: scenario.id, lang: language, outcome: playthrough.outcome, scores: playthrough.scores, transcript: playthrough.transcript })}\n`);
  } else {
    process.stdout.write(renderPlaythrough(playthrough, t, t(lineIds.customerName, { ns: scenario.id })));
  }
}

function loadScenario(id: string | undefined, dialoguesDir: string): Scenario {
  if (id === undefined) throw new UsageError(`--scenario is required\n${USAGE}`);
  if (!existsSync(dialoguesDir)) throw new UsageError(`no dialogues folder at ${dialoguesDir}`);
  const file = join(dialoguesDir, `${id}.yaml`);
  if (!/^[a-z][a-z0-9_-]*$/.test(id) || !existsSync(file)) {
    const known = readdirSync(dialoguesDir).filter((name) => name.endsWith('.yaml')).map((name) => name.replace(/\.yaml$/, ''));
    throw new UsageError(`unknown scenario "${id}"; available: ${known.join(', ')}`);
  }
  const parsed = readScenarioFile(file);
  if (!parsed.ok) throw new UsageError(`the scenario has problems; run npm run lint:dialogues\n${parsed.problems.map(formatProblem).join('\n')}`);
  return parsed.scenario;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--seed must be a whole number, got "${text}"`);
  return Number(text);
}

/** Reads choices from the terminal; prompts go to stderr so stdout carries only the result. */
async function playInteractively(scenario: Scenario, t: TFunction, state: () => ConversationState, choose: (choice: Choice) => void) {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  const say = (key: string) => t(key, { ns: scenario.id });
  const print = (text: string) => process.stderr.write(`${text}\n`);
  print(`\n${say(lineIds.title)}\n${say(lineIds.brief)}\n`);
  try {
    while (state().outcome === null) {
      const current = state();
      const last = current.decisions.at(-1);
      const cameBackFromBreath = last?.choice.kind === 'breath' && last.node === current.node;
      print(cameBackFromBreath ? t('breath.back') : `\n${say(lineIds.customerName)}: ${say(customerLineId(scenario, current))}`);
      const options = availableOptions(scenario, current);
      options.forEach((option, i) => print(`  ${i + 1}. ${say(lineIds.replyText(current.node, option.reply.id))}${option.locked ? `  (${t('play.locked')})` : ''}`));
      if (canTakeBreath(current)) print(`  b. ${t('breath.action')}`);
      print(`  [${t('play.mood')} ${current.mood} · ${t('play.composure')} ${current.composure}]`);
      const answer = (await terminal.question(`${t('play.prompt')}: `)).trim().toLowerCase();
      if (answer === 'q') break;
      try {
        choose(scriptedChoice(scenario, current, answer === 'b' ? 'breath' : answer, 0));
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        print(t('play.invalid'));
      }
    }
  } finally {
    terminal.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`play: ${message}\n`);
  process.exit(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
});
