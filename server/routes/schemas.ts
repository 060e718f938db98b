import { LANGUAGES } from '../../src/index.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords.ts';

/**
 * JSON schemas for request bodies and parameters. Every object is closed (an unknown field is a
 * 400, so a client cannot slip in a score) and every string and number is bounded.
 */

const closed = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties }) as const;

/** Lower-case, as crypto.randomUUID() writes it and PostgreSQL reads it back, so ids compare as strings. */
const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;
const millis = { type: 'integer', minimum: 0, maximum: 8.64e15 } as const;
const scenarioId = { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 } as const;

const personName = { type: 'string', minLength: 1, maxLength: 200 } as const;
/** A join or continue code as typed: ABCD-EFGH, any case, dash and spaces optional. */
const typedCode = { type: 'string', minLength: 1, maxLength: 20 } as const;
/** A one-time link's token (base64url, 256 bits). */
const linkToken = { type: 'string', pattern: '^[A-Za-z0-9_-]{20,100}$' } as const;
/** Letters of any script, digits and . _ @ -: readable in a list, safe in a log. */
const username = { type: 'string', pattern: '^[\\p{L}\\p{N}._@-]{3,64}$' } as const;
const newPassword = { type: 'string', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX } as const;

export const traineeBody = closed({ name: personName, joinCode: typedCode });
export const joinParams = closed({ code: typedCode });
export const continueBody = closed({ code: typedCode });

export const setupBody = closed({ token: linkToken, username, password: newPassword });
// Any password up to the cap may be tried; only the cap bounds the hashing work.
export const signInBody = closed({ username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX } });
export const passwordBody = closed({ token: linkToken, password: newPassword });
export const accountBody = closed({ username, role: { type: 'string', enum: ['admin', 'manager', 'trainer'] } });
export const cohortBody = closed({ name: { type: 'string', minLength: 1, maxLength: 100 } });
export const retentionBody = closed({ days: { type: ['integer', 'null'], minimum: 30, maximum: 3650 } });
export const idParams = closed({ id: uuid });

export const attemptBody = closed({
  id: uuid,
  scenario: scenarioId,
  scenarioHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
  language: { type: 'string', enum: [...LANGUAGES] },
  startedAt: millis,
});

const choice = {
  oneOf: [
    closed({ kind: { const: 'reply' }, reply: scenarioId }),
    closed({ kind: { const: 'breath' } }),
    closed({ kind: { const: 'silence' } }),
  ],
} as const;

export const decisionBody = closed({ index: { type: 'integer', minimum: 0, maximum: 10_000 }, id: uuid, choice, at: millis });

export const attemptParams = closed({ id: uuid });

// The dashboard's query strings: every value arrives as text (times as digit strings); a repeated key is an array.
const millisText = { type: 'string', pattern: '^(0|[1-9][0-9]{0,15})$' } as const;
/** A repeatable key: `listQueryKeys` makes a lone value a list of one before validation. */
const many = <T extends object>(item: T) => ({ type: 'array', items: item, maxItems: 100 }) as const;
export const LIST_QUERY_KEYS = ['scenario', 'language'] as const;
const languageText = { type: 'string', pattern: `^(${LANGUAGES.join('|')})$` } as const;
const dashboardQuery = (properties: Record<string, object>) => closed(properties, []);

export const cohortQuery = dashboardQuery({ cohort: uuid, from: millisText, to: millisText, scenario: many(scenarioId), language: many(languageText) });
export const traineeReportQuery = dashboardQuery({ from: millisText, to: millisText });
export const scenarioQuery = dashboardQuery({ cohort: uuid, from: millisText, to: millisText, language: many(languageText) });
export const scenarioParams = closed({ scenarioId });
/** A note is kept as typed: any text with something visible in it, shown as text everywhere. */
export const noteBody = closed({ text: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' } });
