import type { z } from 'zod';
import { ConditionSchema, IdSchema, NextSchema, NodeSchema, ScenarioSchema, type Condition, type Next } from './schema.ts';

/**
 * The parts of a scenario that reference checks and line ids read. A whole Scenario is one; for a
 * file with problems, `salvage` keeps each part that is valid on its own, so those checks still run.
 */
export interface ScenarioParts {
  id?: string;
  start?: string;
  timer?: unknown;
  breakingPoint?: { to?: string };
  nodes: Record<string, NodeParts>;
}

export interface NodeParts {
  ending?: unknown;
  variants?: readonly { if?: Condition; line?: string }[];
  replies?: readonly { id?: string; when?: Condition; next?: Next }[];
}

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => typeof value === 'object' && value !== null && !Array.isArray(value);
const fieldsOf = (value: unknown): Mapping => (isMapping(value) ? value : {});
const validOrNothing = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
};

/** The valid parts of a scenario that failed the schema; none when even its nodes are not a mapping. */
export function salvage(data: Mapping): ScenarioParts | undefined {
  if (!isMapping(data.nodes)) return undefined;
  const nodes = Object.entries(data.nodes).map(([id, node]): [string, NodeParts] => {
    const fields = fieldsOf(node);
    return [id, {
      ending: validOrNothing(NodeSchema.shape.ending, fields.ending),
      variants: listOf(fields.variants, (variant) => ({ if: validOrNothing(ConditionSchema, variant.if), line: validOrNothing(IdSchema, variant.line) })),
      replies: listOf(fields.replies, (reply) => ({ id: validOrNothing(IdSchema, reply.id), when: validOrNothing(ConditionSchema, reply.when), next: validOrNothing(NextSchema, reply.next) })),
    }];
  });
  return {
    id: validOrNothing(IdSchema, data.id),
    start: validOrNothing(IdSchema, data.start),
    timer: validOrNothing(ScenarioSchema.shape.timer, data.timer),
    breakingPoint: { to: validOrNothing(IdSchema, fieldsOf(data.breakingPoint).to) },
    nodes: Object.fromEntries(nodes),
  };
}

/** Entries keep their index, so problems found in them point at the right place. */
function listOf<T>(value: unknown, part: (fields: Mapping) => T): T[] | undefined {
  return Array.isArray(value) ? value.map((entry) => part(fieldsOf(entry))) : undefined;
}
