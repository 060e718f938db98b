import { lineIds } from './lineIds.ts';
import type { Scenario } from './schema.ts';

/** How fast a trainee can be asked to read a line and every reply before the timer runs out. */
export const READING_CHARS_PER_SECOND = 12;

/**
 * Nodes whose text on screen (the longest of the customer's lines there, plus every reply) cannot
 * be read at a comfortable pace within the scenario's timer, in one language.
 */
export function nodesTooLongToRead(scenario: Scenario, text: ReadonlyMap<string, unknown>): { path: string; message: string }[] {
  const timer = scenario.timer;
  if (!timer) return [];
  const length = (key: string) => {
    const value = text.get(key);
    return typeof value === 'string' ? value.length : 0;
  };
  return Object.entries(scenario.nodes).flatMap(([nodeId, node]) => {
    if (!node.replies) return [];
    const lines = [lineIds.customerLine(nodeId), ...(node.variants ?? []).map((variant) => lineIds.customerLine(nodeId, variant.line))];
    const characters = Math.max(...lines.map(length)) + node.replies.reduce((sum, reply) => sum + length(lineIds.replyText(nodeId, reply.id)), 0);
    const needed = Math.ceil(characters / READING_CHARS_PER_SECOND);
    if (needed <= timer.seconds) return [];
    return [
      {
        path: `nodes.${nodeId}`,
        message: `the customer's line and the replies here are ${characters} characters, ${needed} s of reading at ${READING_CHARS_PER_SECOND} characters a second, but the timer gives ${timer.seconds} s; raise timer.seconds to at least ${needed} or shorten the text`,
      },
    ];
  });
}
