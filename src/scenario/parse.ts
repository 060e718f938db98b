import { CORE_SCHEMA, load } from 'js-yaml';
import { authorMessages, describeIssue } from './issues.ts';
import { lineOf, readPositioned, type PositionedDocument } from './positions.ts';
import { formatPath, type LocatedMessage, type PathPart, type Problem } from './problems.ts';
import { checkReferences } from './references.ts';
import { salvage, type ScenarioParts } from './salvage.ts';
import { ScenarioSchema, type Scenario } from './schema.ts';

/**
 * On success, `locate` turns a path inside the scenario into a problem with its line, for later checks.
 * On failure, `parts` are the pieces that were valid on their own, so their text can still be checked.
 */
export type ParseResult =
  | { ok: true; scenario: Scenario; locate: (path: PathPart[], message: string) => Problem }
  | { ok: false; problems: Problem[]; parts?: ScenarioParts };

/**
 * Turns the text of `dialogues/<id>.yaml` into a checked Scenario, or into every problem it has,
 * each naming the file, the path inside it and the reason. Never throws on bad input.
 */
export function parseScenario(text: string, file: string): ParseResult {
  const fail = (message: string): ParseResult => ({ ok: false, problems: [{ file, path: '', message }] });
  if (text.includes('\u0000') || text.includes('\uFFFD')) return fail('this is not a text file (a scenario is UTF-8 YAML)');
  if (text.trim() === '') return fail('the file is empty; a scenario needs at least id, version, start and nodes');

  // js-yaml reads several times faster; the `yaml` package's document, with source positions, is
  // built only when a problem needs a line number or invalid YAML needs explaining.
  let positioned: PositionedDocument | undefined;
  const withPositions = () => (positioned ??= readPositioned(text));
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

  const locate = (path: PathPart[], message: string): Problem => ({ file, path: formatPath(path), message, line: lineOf(withPositions(), path) });
  // In file order, as an author fixes them.
  const place = (found: LocatedMessage[]) => found.map(({ path, message }) => locate(path, message)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  const parsed = ScenarioSchema.safeParse(data, { error: authorMessages });
  if (parsed.success) {
    const problems = place(checkReferences(parsed.data));
    return problems.length > 0 ? { ok: false, problems, parts: parsed.data } : { ok: true, scenario: parsed.data, locate };
  }
  // Whatever is valid on its own is still checked, so one run reports every problem it can.
  const parts = salvage(data as Record<string, unknown>);
  const found = [...parsed.error.issues.flatMap((issue) => describeIssue(issue)), ...(parts ? checkReferences(parts) : [])];
  return { ok: false, problems: place(found), parts };
}

function yamlReason(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'a key appears twice in the same mapping (ids must be unique)';
  return message.split('\n')[0] ?? message;
}
