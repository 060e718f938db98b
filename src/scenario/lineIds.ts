import { COMMON_NAMESPACE } from '../i18n/index.ts';
import type { ScenarioParts } from './salvage.ts';

/**
 * Stable text ids. A scenario's text lives in `locales/<lng>/<scenario id>.json` (the i18next
 * namespace is the scenario id); these helpers are the only place the key layout is spelled out.
 */
export const lineIds = {
  title: 'title',
  brief: 'brief',
  customerName: 'customer.name',
  customerAbout: 'customer.about',
  /** What the customer says when the timer runs out. */
  timeout: 'timeout',
  customerLine: (node: string, variant = 'line') => `nodes.${node}.${variant}`,
  endingSummary: (node: string) => `nodes.${node}.summary`,
  replyText: (node: string, reply: string) => `nodes.${node}.replies.${reply}.text`,
  replyFeedback: (node: string, reply: string) => `nodes.${node}.replies.${reply}.feedback`,
} as const;

/** Where the text of what the trainee did lives: a reply in the scenario's namespace, a breath or a silence in `common`. */
export function decisionTextId(scenarioId: string, node: string, choice: { kind: 'reply'; reply: string } | { kind: 'breath' | 'silence' }): { ns: string; key: string } {
  return choice.kind === 'reply' ? { ns: scenarioId, key: lineIds.replyText(node, choice.reply) } : { ns: COMMON_NAMESPACE, key: `${choice.kind}.text` };
}

/** Every key the scenario's locale file must contain, in document order; for a salvaged scenario, those of its valid parts. */
export function requiredLineIds(scenario: ScenarioParts): string[] {
  const keys: string[] = [lineIds.title, lineIds.brief, lineIds.customerName, lineIds.customerAbout];
  if (scenario.timer) keys.push(lineIds.timeout);
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    keys.push(lineIds.customerLine(nodeId));
    for (const { line } of node.variants ?? []) if (line !== undefined) keys.push(lineIds.customerLine(nodeId, line));
    if (node.ending !== undefined) keys.push(lineIds.endingSummary(nodeId));
    for (const { id } of node.replies ?? []) if (id !== undefined) keys.push(lineIds.replyText(nodeId, id), lineIds.replyFeedback(nodeId, id));
  }
  return keys;
}

/** Flattens nested locale JSON into dotted keys, the form requiredLineIds uses. */
export function flattenKeys(value: unknown, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [childKey, leaf] of flattenKeys(child, prefix === '' ? key : `${prefix}.${key}`)) flat.set(childKey, leaf);
    }
  } else {
    flat.set(prefix, value);
  }
  return flat;
}
