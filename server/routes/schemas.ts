import { LANGUAGES } from '../../src/index.ts';

/**
 * JSON schemas for request bodies and parameters. Every object is closed (an unknown field is a
 * 400, so a client cannot slip in a score) and every string and number is bounded.
 */

const closed = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties }) as const;

/** Lower-case, as crypto.randomUUID() writes it and PostgreSQL reads it back, so ids compare as strings. */
const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;
const millis = { type: 'integer', minimum: 0, maximum: 8.64e15 } as const;
const scenarioId = { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 } as const;

export const traineeBody = closed({ name: { type: 'string', minLength: 1, maxLength: 200 } });

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
