import { z } from 'zod';
import { closestWord, expectedFound, listOfValues, type LocatedMessage, type PathPart } from './problems.ts';
import { ScenarioSchema } from './schema.ts';

/** zod's type names as an author would say them. */
const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
};

/**
 * Messages for the issues the schema leaves to zod (pass as `safeParse`'s `error`): what was
 * expected and what was found. Messages stated in the schema itself take precedence.
 */
export const authorMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return expectedFound(TYPE_NAMES[issue.expected] ?? issue.expected, issue.input);
  if (issue.code === 'invalid_value') return expectedFound(`one of ${listOfValues(issue.values)}`, issue.input);
  if (issue.code === 'too_small' && issue.origin === 'array') return expectedFound('a list with at least one entry', issue.input);
  return undefined;
};

/** Every field name the format knows, read from the schema, for "did you mean" hints on typos. */
const KNOWN_FIELDS = [...new Set(fieldNames(ScenarioSchema))];

function* fieldNames(schema: z.core.$ZodType): Generator<string> {
  if (schema instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(schema.shape)) {
      yield key;
      yield* fieldNames(field);
    }
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    yield* fieldNames(schema.def.innerType);
  } else if (schema instanceof z.ZodArray) {
    yield* fieldNames(schema.element);
  } else if (schema instanceof z.ZodRecord) {
    yield* fieldNames(schema.valueType);
  } else if (schema instanceof z.ZodUnion) {
    for (const option of schema.options) yield* fieldNames(option);
  } else if (schema instanceof z.ZodPipe) {
    yield* fieldNames(schema.in);
    yield* fieldNames(schema.out);
  }
}

/** One zod issue as messages an author can act on; a union or a record key is described by its inner issues. */
export function describeIssue(issue: z.core.$ZodIssue, at: PathPart[] = []): LocatedMessage[] {
  const path = [...at, ...issue.path.filter((part): part is PathPart => typeof part !== 'symbol')];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = closestWord(key, KNOWN_FIELDS);
      return { path: [...path, key], message: `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}` };
    });
  }
  if (issue.code === 'invalid_key') return issue.issues.flatMap((inner) => describeIssue(inner, path));
  if (issue.code === 'invalid_union') {
    // The branch the value fits by its type (a list, for a list of routes) says what is wrong inside it.
    const fitting = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'));
    if (fitting.length === 1) return (fitting[0] ?? []).flatMap((inner) => describeIssue(inner, path));
  }
  return [{ path, message: issue.message }];
}
