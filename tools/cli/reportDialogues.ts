/**
 * `npm run report:dialogues [-- out-folder]`: a Markdown overview per scenario for authors: size,
 * paths, endings, principles, score bounds and a Mermaid graph of the conversation; and bots.md,
 * the surface bots of src/analysis/surfaceBots.ts over the library in each language, against the
 * targets of issue 10. Written to reports/dialogues/ (not committed; regenerate after editing).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  analysePaths,
  asTokens,
  createTranslator,
  DIFFICULTY_THRESHOLDS,
  LANGUAGES,
  lineIds,
  mermaidGraph,
  MOSTLY_GOOD_EXPERT,
  SKILLS,
  surfaceReport,
  textFreeBots,
  type Language,
  type PathAnalysis,
  type Scenario,
  type SurfaceReport,
  type TextLookup,
} from '../../src/index.ts';
import { collectScenarioFiles, DIALOGUES_DIR, LOCALES_DIR, loadResources, PROJECT_ROOT } from '../library.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';
import { readValidScenario } from './scenarios.ts';

function report(scenario: Scenario, analysis: PathAnalysis, title: string): string {
  const nodes = Object.values(scenario.nodes);
  const principles = new Map<string, number>();
  for (const node of nodes) for (const reply of node.replies ?? []) for (const principle of reply.teaches) principles.set(principle, (principles.get(principle) ?? 0) + 1);
  const principleList = [...principles].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([p, n]) => `${p} (${n})`).join(', ');
  const expert = analysis.expertPath ? `\`--choices ${asTokens(scenario, analysis.expertPath.choices)}\` → ${analysis.expertPath.outcome}, ${analysis.expertPath.scores.overall} overall` : 'none: **fix this**';
  const weakest = analysis.resolved ? `${analysis.resolved.weakest.scores.overall} overall (\`--choices ${asTokens(scenario, analysis.resolved.weakest.choices)}\`); proven floor ${analysis.resolved.lowerBound}` : 'no path ends resolved';
  return [
    `# ${title} (\`${scenario.id}\`)`,
    '',
    `${scenario.channel} · difficulty ${scenario.difficulty} · ${scenario.temperament} · starting mood ${scenario.mood}${scenario.timer ? ` · ${scenario.timer.seconds} s timer` : ''}`,
    '',
    '| nodes | decisions | endings | paths | states |',
    '|---|---|---|---|---|',
    `| ${nodes.length} | ${nodes.filter((node) => node.replies).length} | ${[...analysis.endings].length} (${[...analysis.outcomes].join(', ')}) | ${analysis.paths.toLocaleString('en')} | ${analysis.states.toLocaleString('en')} |`,
    '',
    `**Principles taught** (replies): ${principleList}`,
    '',
    '| score | calm | not personal | empathy | concrete fix |',
    '|---|---|---|---|---|',
    `| best possible | ${SKILLS.map((skill) => analysis.best[skill]).join(' | ')} |`,
    `| worst possible | ${SKILLS.map((skill) => analysis.worst[skill]).join(' | ')} |`,
    '',
    `**The expert's path**: ${expert}. **Weakest resolved path**: ${weakest}.`,
    '',
    '```mermaid',
    mermaidGraph(scenario),
    '```',
    '',
  ].join('\n');
}

/** The issue's targets for the surface bots (issue 10, item 6) and the "best is longest" share (item 2). */
export const BOT_TARGETS = { longestOverall: 55, longestResolved: 0.25, bestIsLongest: 0.4 } as const;

const SKILL_TITLES = { calm: 'calm', notPersonal: 'not personal', empathy: 'empathy', concreteFix: 'concrete fix' } as const;

const percent = (share: number) => `${Math.round(100 * share)} %`;
const fixed = (value: number) => value.toFixed(1);
const ratio = (count: number, of: number) => `${count}/${of}`;
const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
const meets = (ok: boolean) => (ok ? 'meets' : '**misses**');

/** One scenario's text in one language, as the bots read it. */
function lookupFor(language: Language, scenarioId: string): TextLookup {
  const { t } = createTranslator(language, loadResources(LOCALES_DIR, language, scenarioId), { escapeValue: false });
  return (key) => String(t(key, { ns: scenarioId }));
}

/** The surface bots over every scenario given, in every language. */
export function libraryBotReports(scenarios: readonly Scenario[]): Map<Language, SurfaceReport[]> {
  const bots = new Map<Language, SurfaceReport[]>(LANGUAGES.map((language) => [language, []]));
  for (const scenario of scenarios) {
    const textFree = textFreeBots(scenario);
    for (const language of LANGUAGES) bots.get(language)?.push(surfaceReport(scenario, lookupFor(language, scenario.id), {}, textFree));
  }
  return bots;
}

/** Library-wide measures of one language, against the targets. */
export function libraryMeasures(reports: readonly SurfaceReport[]) {
  const scenarios = reports.length;
  const longestResolved = reports.filter((r) => r.longest.outcome === 'resolved').length;
  const shortestResolved = reports.filter((r) => r.shortest.outcome === 'resolved').length;
  const decisions = reports.reduce((sum, r) => sum + r.cues.decisions, 0);
  const share = (r: SurfaceReport) => (r.cues.decisions === 0 ? 0 : r.cues.bestIsLongest / r.cues.decisions);
  const ownSkill = Object.fromEntries(
    SKILLS.map((skill) => {
      const ranks = reports.map((r) => r.perSkill.find((bot) => bot.skill === skill)?.own);
      return [skill, { highest: ranks.filter((rank) => rank === 'highest').length, tied: ranks.filter((rank) => rank === 'tied').length }];
    }),
  ) as Record<(typeof SKILLS)[number], { highest: number; tied: number }>;
  return {
    scenarios,
    longestOverall: mean(reports.map((r) => r.longest.overall)),
    longestResolved: scenarios === 0 ? 0 : longestResolved / scenarios,
    shortestOverall: mean(reports.map((r) => r.shortest.overall)),
    shortestResolved: scenarios === 0 ? 0 : shortestResolved / scenarios,
    randomOverall: mean(reports.map((r) => r.random.overall)),
    randomResolved: mean(reports.map((r) => r.random.resolved)),
    decisions,
    bestIsLongest: reports.reduce((sum, r) => sum + r.cues.bestIsLongest, 0),
    scenariosOverLongestShare: reports.filter((r) => share(r) > BOT_TARGETS.bestIsLongest).map((r) => r.scenario),
    ownSkill,
    difficultyMatches: reports.filter((r) => r.labelled === r.mostlyGood.measured).length,
  };
}

function cueCell(rate: SurfaceReport['cues']['name']): string {
  return `${percent(rate.decisions === 0 ? 0 : rate.best / rate.decisions)} vs ${percent(rate.otherReplies === 0 ? 0 : rate.others / rate.otherReplies)}`;
}

function ownSkillCell(bot: SurfaceReport['perSkill'][number]): string {
  const own = Math.round(bot.skills[bot.skill]);
  const other = Math.max(...SKILLS.filter((skill) => skill !== bot.skill).map((skill) => Math.round(bot.skills[skill])));
  return bot.own === 'highest' ? `yes (${own} > ${other})` : bot.own === 'tied' ? `tied (${own})` : `**no** (${own} < ${other})`;
}

function languageSection(language: Language, reports: readonly SurfaceReport[]): string[] {
  const rows = reports.map((r) => {
    const bestLongest = r.cues.decisions === 0 ? 0 : r.cues.bestIsLongest / r.cues.decisions;
    const longestShare = `${ratio(r.cues.bestIsLongest, r.cues.decisions)} (${percent(bestLongest)})${bestLongest > BOT_TARGETS.bestIsLongest ? ' **over 40 %**' : ''}`;
    const difficulty = `${r.labelled} → ${r.mostlyGood.measured} (${(100 * r.mostlyGood.resolved).toFixed(1)} %)${r.labelled === r.mostlyGood.measured ? '' : ' **differs**'}`;
    return `| ${r.scenario} | ${r.longest.overall} ${r.longest.outcome ?? '–'} | ${r.shortest.overall} ${r.shortest.outcome ?? '–'} | ${fixed(r.random.overall)}, ${percent(r.random.resolved)} resolved | ${r.perSkill.map(ownSkillCell).join(' | ')} | ${longestShare} | ${cueCell(r.cues.exclamation)} | ${cueCell(r.cues.name)} | ${cueCell(r.cues.digits)} | ${ratio(r.cues.padlock.bestLocked, r.cues.padlock.decisions)} | ${difficulty} |`;
  });
  return [
    `## ${language}`,
    '',
    `| scenario | longest: overall, outcome | shortest: overall, outcome | random: mean overall, resolved | ${SKILLS.map((skill) => `${SKILL_TITLES[skill]} bot: own skill highest?`).join(' | ')} | best is longest | "!" best vs others | name best vs others | digits best vs others | padlock on best | difficulty label → measured (resolved) |`,
    `|---|---|---|---|${SKILLS.map(() => '---|').join('')}---|---|---|---|---|---|`,
    ...rows,
    '',
  ];
}

/** reports/dialogues/bots.md: the surface bots and cues per scenario and language, and the library against the targets. */
export function botsReport(byLanguage: ReadonlyMap<Language, readonly SurfaceReport[]>): string {
  const languages = [...byLanguage.keys()];
  const measures = new Map(languages.map((language) => [language, libraryMeasures(byLanguage.get(language) ?? [])]));
  const row = (label: string, cell: (m: ReturnType<typeof libraryMeasures>) => string, target: string) => `| ${label} | ${languages.map((language) => cell(measures.get(language) as ReturnType<typeof libraryMeasures>)).join(' | ')} | ${target} |`;
  const first = measures.get(languages[0] as Language);
  const majority = first ? Math.floor(first.scenarios / 2) + 1 : 0;
  const { easyFrom, mediumFrom } = DIFFICULTY_THRESHOLDS;
  return [
    '# Surface bots',
    '',
    'Bots that read only the surface of the replies, or play one skill, through `simulate` (reply order seed 1) and scored by `scoreChoices` (issue 10, item 6):',
    '',
    '- **longest** / **shortest**: always the reply whose text is longest / shortest in that language; when it is locked, a breath if one is possible here, else the longest / shortest unlocked reply.',
    '- **random**: a random legal move (a breath included, silence not), 50 seeded runs, averaged.',
    '- **per skill**: always the reply best on that skill, ties by total; the same breath rule. "Own skill highest?" is *yes* when that skill is strictly its highest score, *tied* when another skill scores the same.',
    `- **measured difficulty**: the exact probability that a "mostly good" trainee (the expert move with probability ${MOSTLY_GOOD_EXPERT}, otherwise a random legal move as the random bot makes it) ends resolved, worked out over every path; ≥ ${percent(easyFrom)} is 1, ≥ ${percent(mediumFrom)} is 2, below is 3.`,
    '- **cues**: per decision node (every reply it has), the share of decisions whose best (expert) reply carries "!", the customer\'s name or a digit, against the share of the other replies that do; "best is longest" counts a tie for longest.',
    '',
    '## Library',
    '',
    `| measure | ${languages.join(' | ')} | target |`,
    `|---|${languages.map(() => '---|').join('')}---|`,
    row('longest-reply bot: mean overall', (m) => `${fixed(m.longestOverall)} ${meets(m.longestOverall <= BOT_TARGETS.longestOverall)}`, `≤ ${BOT_TARGETS.longestOverall}`),
    row('longest-reply bot: scenarios resolved', (m) => `${ratio(Math.round(m.longestResolved * m.scenarios), m.scenarios)} (${percent(m.longestResolved)}) ${meets(m.longestResolved <= BOT_TARGETS.longestResolved)}`, `≤ ${percent(BOT_TARGETS.longestResolved)}`),
    row('shortest-reply bot: mean overall, resolved', (m) => `${fixed(m.shortestOverall)}, ${percent(m.shortestResolved)}`, ''),
    row('random bot: mean overall, resolved', (m) => `${fixed(m.randomOverall)}, ${percent(m.randomResolved)}`, ''),
    row('best is longest, all decisions', (m) => `${ratio(m.bestIsLongest, m.decisions)} (${percent(m.decisions === 0 ? 0 : m.bestIsLongest / m.decisions)})`, ''),
    row('scenarios where best is longest at over 40 % of decisions', (m) => `${m.scenariosOverLongestShare.length} ${meets(m.scenariosOverLongestShare.length === 0)}`, 'none'),
    ...SKILLS.map((skill) => row(`${SKILL_TITLES[skill]} bot: own skill strictly highest (tied)`, (m) => `${m.ownSkill[skill].highest} (${m.ownSkill[skill].tied}) of ${m.scenarios} ${meets(m.ownSkill[skill].highest >= majority)}`, `most scenarios (≥ ${majority})`)),
    row('measured difficulty equals the label', (m) => ratio(m.difficultyMatches, m.scenarios), 'all'),
    '',
    ...languages.flatMap((language) => languageSection(language, byLanguage.get(language) ?? [])),
  ].join('\n');
}

const USAGE = `usage: npm run report:dialogues [-- [--json] <out-folder>]

Writes a Markdown overview of each scenario in dialogues/ (size, paths, endings, principles,
score bounds, a Mermaid graph), an index, README.md, and bots.md (surface bots: the longest,
shortest and random players, a bot per skill, what the text gives away about the best reply, and
measured difficulty, per scenario and language) to the folder (default: reports/dialogues).

  --json      print the library's bot measures as one JSON line instead of the summary line
  -h, --help  show this help
`;

export function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('report:dialogues', USAGE, io, async () => {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h', default: false }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`one output folder at most, got ${positionals.length}: ${positionals.join(' ')}`);
    const out = positionals[0] ?? join(PROJECT_ROOT, 'reports', 'dialogues');
    mkdirSync(out, { recursive: true });
    const index = ['# Dialogue library', '', '| scenario | channel | difficulty | paths | endings | weakest resolved |', '|---|---|---|---|---|---|'];
    const library = collectScenarioFiles([DIALOGUES_DIR]).files.map(readValidScenario);
    const bots = libraryBotReports(library);
    for (const scenario of library) {
      const text = JSON.parse(readFileSync(join(LOCALES_DIR, 'en', `${scenario.id}.json`), 'utf8')) as Record<string, unknown>;
      const title = typeof text[lineIds.title] === 'string' ? (text[lineIds.title] as string) : scenario.id;
      const analysis = analysePaths(scenario);
      writeFileSync(join(out, `${scenario.id}.md`), report(scenario, analysis, title));
      index.push(`| [${title}](${scenario.id}.md) | ${scenario.channel} | ${scenario.difficulty} | ${analysis.paths.toLocaleString('en')} | ${analysis.endings.size} | ${analysis.resolved?.weakest.scores.overall ?? '–'} |`);
    }
    index.push('', 'Surface bots, cues and measured difficulty: [bots.md](bots.md).');
    writeFileSync(join(out, 'README.md'), `${index.join('\n')}\n`);
    writeFileSync(join(out, 'bots.md'), `${botsReport(bots)}\n`);
    const scenarios = bots.get(LANGUAGES[0])?.length ?? 0;
    if (values.json) {
      io.stdout(`${JSON.stringify({ out, scenarios, targets: BOT_TARGETS, languages: Object.fromEntries([...bots].map(([language, reports]) => [language, libraryMeasures(reports)])) })}\n`);
    } else {
      io.stdout(`wrote ${scenarios} reports and bots.md to ${out}\n`);
    }
    return 0;
  });
}
