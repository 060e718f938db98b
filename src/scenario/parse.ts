import { CORE_SCHEMA, load } from 'js-yaml';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { checkReferences } from './references.ts';
import { closestWord, formatPath, type PathPart, type Problem } from './problems.ts';
import { ScenarioSchema, type Scenario } from './schema.ts';

/** On success, `locate` turns a path inside the scenario into a problem with its line, for later checks. */
export type ParseResult = { ok: true; scenario: Scenario; locate: (path: PathPart[], message: string) => Problem } | { ok: false; problems: Problem[] };

/** Every field name the format knows, for "did you mean" hints on typos. */
const KNOWN_FIELDS = [
  'id', 'version', 'channel', 'difficulty', 'temperament', 'mood', 'composure', 'breakingPoint', 'breath',
  'start', 'nodes', 'variants', 'replies', 'ending', 'skills', 'calm', 'notPersonal', 'empathy', 'concreteFix',
  'teaches', 'when', 'needsComposure', 'seconds', 'next', 'if', 'to', 'line', 'moodAtLeast', 'moodBelow',
  'composureAtLeast', 'composureBelow', 'said', 'notSaid', 'composureGain', 'neededBelow', 'timer',
];

/**
 * Turns the text of `dialogues/<id>.yaml` into a checked Scenario, or into problems that name the
 * file, the path inside it and the reason. Never throws on bad input.
 */
export function parseScenario(text: string, file: string): ParseResult {
  const fail = (message: string): ParseResult => ({ ok: false, problems: [{ file, path: '', message }] });
  if (text.includes('\u0000') || text.includes('\uFFFD')) return fail('this is not a text file (a scenario is UTF-8 YAML)');
  if (text.trim() === '') return fail('the file is empty; a scenario needs at least id, version, start and nodes');

  // js-yaml reads several times faster; the `yaml` package's document, with source positions, is
  // built only when a problem needs a line number or invalid YAML needs explaining.
  let source: Source | undefined;
  const withPositions = () => (source ??= readSource(text));
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    const { doc, lineCounter } = withPositions();
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((error) => ({
          file,
          path: '',
          message: `not valid YAML: ${yamlReason(error.code, error.message)}`,
          line: lineCounter.linePos(error.pos[0]).line,
        })),
      };
    }
    data = doc.toJS();
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('a scenario must be a YAML mapping (key: value lines), not a list or a single value');

  const locate = (path: PathPart[], message: string): Problem => ({
    file,
    path: formatPath(path),
    message,
    line: lineOf(withPositions(), path),
  });

  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => describeIssue(issue, locate)) };

  const problems = checkReferences(parsed.data).map(({ path, message }) => locate(path, message));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.data, locate };
}

function describeIssue(issue: z.core.$ZodIssue, locate: (path: PathPart[], message: string) => Problem): Problem[] {
  const path = issue.path.filter((part): part is PathPart => typeof part !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = closestWord(key, KNOWN_FIELDS);
      return locate([...path, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    });
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return [locate(path, `missing required field (${issue.expected})`)];
  return [locate(path, issue.message)];
}

function yamlReason(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'a key appears twice in the same mapping (ids must be unique)';
  return message.split('\n')[0] ?? message;
}

interface Source {
  doc: Document;
  lineCounter: LineCounter;
}

/** The YAML 1.2 core schema, as js-yaml reads it, so both readers agree on every value. */
function readSource(text: string): Source {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core' }), lineCounter };
}

/** The line of the deepest part of `path` that exists in the document. */
function lineOf({ doc, lineCounter }: Source, path: PathPart[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
