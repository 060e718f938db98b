import type { Condition, Scenario } from '../scenario/schema.ts';
import { replyTargets } from '../scenario/schema.ts';

/** The conditions a node asks: its variants', its replies' `when`, and its replies' routes. */
export function conditionsAt(scenario: Scenario, nodeId: string): Condition[] {
  const node = scenario.nodes[nodeId];
  return [
    ...(node?.variants ?? []).map((variant) => variant.if),
    ...(node?.replies ?? []).flatMap((reply) => [...(reply.when ? [reply.when] : []), ...(typeof reply.next === 'string' ? [] : reply.next.flatMap((route) => (route.if ? [route.if] : [])))]),
  ];
}

/**
 * For each node, the remembered replies (by number) that a condition at this node or any node
 * reachable from it can still read. A reply no later condition asks about is forgotten, so
 * states that differ only in it merge: their futures are the same.
 */
export function liveReplies(scenario: Scenario, remembered: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, ReadonlySet<number>> {
  const numberOf = (ref: string) => {
    const [node = '', reply = ''] = ref.split('.');
    return remembered.get(node)?.get(reply);
  };
  const live = new Map<string, Set<number>>();
  const successors = new Map<string, string[]>();
  for (const nodeId of Object.keys(scenario.nodes)) {
    const refs = conditionsAt(scenario, nodeId).flatMap((condition) => [...(condition.said ?? []), ...(condition.notSaid ?? [])]);
    live.set(nodeId, new Set(refs.map(numberOf).filter((n): n is number => n !== undefined)));
    const replies = scenario.nodes[nodeId]?.replies;
    // A conversation goes on through a reply's routes, or from any node with replies to the breaking point.
    successors.set(nodeId, replies ? [...replies.flatMap(replyTargets), ...(scenario.breakingPoint ? [scenario.breakingPoint.to] : [])] : []);
  }
  // Grow each node's set by its successors' until nothing changes (the node graph is small).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [nodeId, set] of live) {
      for (const successor of successors.get(nodeId) ?? []) {
        for (const ref of live.get(successor) ?? []) {
          if (!set.has(ref)) {
            set.add(ref);
            changed = true;
          }
        }
      }
    }
  }
  return live;
}
