/** A problem an author must fix, located by file and by path inside the file. */
export interface Problem {
  file: string;
  /** Dotted path into the document, e.g. `nodes.opening.replies[1].skills`; empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the file, when it can be found. */
  line?: number;
}

export type PathPart = string | number;

/** A problem not yet tied to a file: where in the scenario, and what is wrong. */
export interface LocatedMessage {
  path: PathPart[];
  message: string;
}

export function formatPath(path: readonly PathPart[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text === '' ? part : `${text}.${part}`;
  }, '');
}

/** `file:path: reason (line N)`, the one format every checker prints. */
export function formatProblem(problem: Problem): string {
  const where = problem.path === '' ? problem.file : `${problem.file}:${problem.path}`;
  const line = problem.line === undefined ? '' : ` (line ${problem.line})`;
  return `${where}: ${problem.message}${line}`;
}

/** A wrong value as an author would name it: `the text "fifteen"`, `1.5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping (key: value lines)';
  return String(value);
}

/** `a, b or c`, for the allowed values of a field. */
export function listOfValues(values: readonly unknown[]): string {
  const words = values.map(String);
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** `expected …, found …`, or, when the value is absent, that the field is missing. */
export function expectedFound(expected: string, found: unknown): string {
  return found === undefined ? `missing required field, expected ${expected}` : `expected ${expected}, found ${describeValue(found)}`;
}

/** The closest of `candidates` to `word` within two edits, for "did you mean" hints. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
