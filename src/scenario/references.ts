import type { Condition, Next } from './schema.ts';
import { closestWord, type LocatedMessage, type PathPart } from './problems.ts';
import type { ScenarioParts } from './salvage.ts';

/** Checks what the schema cannot: that every id a scenario mentions exists, and ids are unique. Absent parts are skipped. */
export function checkReferences(scenario: ScenarioParts): LocatedMessage[] {
  const found: LocatedMessage[] = [];
  const nodeIds = Object.keys(scenario.nodes);
  const replyRefs = new Set(
    Object.entries(scenario.nodes).flatMap(([nodeId, node]) => (node.replies ?? []).flatMap((reply) => (reply.id === undefined ? [] : [`${nodeId}.${reply.id}`]))),
  );

  const checkNode = (id: string | undefined, path: PathPart[]) => {
    if (id !== undefined && !(id in scenario.nodes)) found.push({ path, message: unknownNodeMessage(id, nodeIds) });
  };
  const checkCondition = (condition: Condition | undefined, path: PathPart[]) => {
    for (const key of ['said', 'notSaid'] as const) {
      condition?.[key]?.forEach((ref, i) => {
        if (!replyRefs.has(ref)) found.push({ path: [...path, key, i], message: `no reply "${ref}" in this scenario` });
      });
    }
  };
  const checkNext = (next: Next | undefined, path: PathPart[]) => {
    if (next === undefined) return;
    if (typeof next === 'string') return checkNode(next, path);
    next.forEach((route, i) => {
      checkNode(route.to, [...path, i, 'to']);
      checkCondition(route.if, [...path, i, 'if']);
    });
  };

  checkNode(scenario.start, ['start']);
  if (scenario.start !== undefined && scenario.nodes[scenario.start]?.ending !== undefined) {
    found.push({ path: ['start'], message: 'the conversation cannot start at an ending' });
  }
  checkNode(scenario.breakingPoint?.to, ['breakingPoint', 'to']);

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    const seen = new Set<string>();
    node.variants?.forEach((variant, i) => checkCondition(variant.if, ['nodes', nodeId, 'variants', i, 'if']));
    node.replies?.forEach((reply, i) => {
      const path: PathPart[] = ['nodes', nodeId, 'replies', i];
      if (reply.id !== undefined) {
        if (seen.has(reply.id)) found.push({ path: [...path, 'id'], message: `duplicate reply id "${reply.id}" in node "${nodeId}"` });
        seen.add(reply.id);
      }
      checkCondition(reply.when, [...path, 'when']);
      checkNext(reply.next, [...path, 'next']);
    });
  }
  return found;
}

function unknownNodeMessage(id: string, nodeIds: string[]): string {
  const close = closestWord(id, nodeIds);
  const hint = close === undefined ? '' : ` (did you mean "${close}"?)`;
  return `points to node "${id}", which does not exist${hint}`;
}
