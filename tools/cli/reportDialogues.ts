/**
 * `npm run report:dialogues [-- out-folder]`: a Markdown overview per scenario for authors: size,
 * paths, endings, principles, score bounds and a Mermaid graph of the conversation.
 * Written to reports/dialogues/ (not committed; regenerate after editing).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analysePaths, asTokens, lineIds, mermaidGraph, SKILLS, type PathAnalysis, type Scenario } from '../../src/index.ts';
import { collectScenarioFiles, DIALOGUES_DIR, LOCALES_DIR, PROJECT_ROOT } from '../library.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';
import { readValidScenario } from './scenarios.ts';

function report(scenario: Scenario, analysis: PathAnalysis, title: string): string {
  const nodes = Object.values(scenario.nodes);
  const principles = new Map<string, number>();
  for (const node of nodes) for (const reply of node.replies ?? []) for (const principle of reply.teaches) principles.set(principle, (principles.get(principle) ?? 0) + 1);
  const principleList = [...principles].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([p, n]) => `${p} (${n})`).join(', ');
  const perfect = analysis.perfectPath ? `\`--choices ${asTokens(scenario, analysis.perfectPath.choices)}\` → ${analysis.perfectPath.outcome}` : 'none: **fix this**';
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
    `**A perfect path**: ${perfect}. **Weakest resolved path**: ${weakest}.`,
    '',
    '```mermaid',
    mermaidGraph(scenario),
    '```',
    '',
  ].join('\n');
}

const USAGE = `usage: npm run report:dialogues [-- <out-folder>]

Writes a Markdown overview of each scenario in dialogues/ (size, paths, endings, principles,
score bounds, a Mermaid graph) and an index, README.md, to the folder (default: reports/dialogues).

  -h, --help  show this help
`;

export function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('report:dialogues', USAGE, io, async () => {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`one output folder at most, got ${positionals.length}: ${positionals.join(' ')}`);
    const out = positionals[0] ?? join(PROJECT_ROOT, 'reports', 'dialogues');
    mkdirSync(out, { recursive: true });
    const index = ['# Dialogue library', '', '| scenario | channel | difficulty | paths | endings | weakest resolved |', '|---|---|---|---|---|---|'];
    for (const file of collectScenarioFiles([DIALOGUES_DIR]).files) {
      const scenario = readValidScenario(file);
      const text = JSON.parse(readFileSync(join(LOCALES_DIR, 'en', `${scenario.id}.json`), 'utf8')) as Record<string, unknown>;
      const title = typeof text[lineIds.title] === 'string' ? (text[lineIds.title] as string) : scenario.id;
      const analysis = analysePaths(scenario);
      writeFileSync(join(out, `${scenario.id}.md`), report(scenario, analysis, title));
      index.push(`| [${title}](${scenario.id}.md) | ${scenario.channel} | ${scenario.difficulty} | ${analysis.paths.toLocaleString('en')} | ${analysis.endings.size} | ${analysis.resolved?.weakest.scores.overall ?? '–'} |`);
    }
    writeFileSync(join(out, 'README.md'), `${index.join('\n')}\n`);
    io.stdout(`wrote ${index.length - 4} reports to ${out}\n`);
    return 0;
  });
}
