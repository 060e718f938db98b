import { graphlib, layout } from '@dagrejs/dagre';
import type { Outcome, Reply, Scenario } from '../../src/index.ts';

/** Where a reply can lead (src's replyTargets lives beside the zod schemas, which would come into the page with it). */
const targetsOf = (reply: Pick<Reply, 'next'>): string[] => (typeof reply.next === 'string' ? [reply.next] : reply.next.map((route) => route.to));

/**
 * A scenario's conversation laid out as a graph (dagre, top to bottom): the customer's moments as
 * boxes, each reply an arrow to where it leads (a reply with routes, one arrow per route). Plain
 * numbers; the scenario view draws it as SVG.
 */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 48;

export interface LaidNode {
  id: string;
  x: number;
  y: number;
  start: boolean;
  ending: Outcome | null;
}

export interface LaidEdge {
  node: string;
  reply: string;
  to: string;
  points: { x: number; y: number }[];
  /** Where its count goes. */
  label: { x: number; y: number };
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}

export function layoutScenario(scenario: Scenario): GraphLayout {
  const graph = new graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, edgesep: 12, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of Object.keys(scenario.nodes)) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const [id, node] of Object.entries(scenario.nodes)) {
    for (const reply of node.replies ?? []) {
      for (const to of new Set(targetsOf(reply))) if (scenario.nodes[to]) graph.setEdge(id, to, { width: 28, height: 20, labelpos: 'c' }, `${reply.id}>${to}`);
    }
  }
  layout(graph);
  const label = graph.graph() as { width?: number; height?: number };
  const nodes = graph.nodes().map((id): LaidNode => {
    const { x, y } = graph.node(id) as { x: number; y: number };
    return { id, x, y, start: id === scenario.start, ending: scenario.nodes[id]?.ending ?? null };
  });
  const edges = graph.edges().map((edge): LaidEdge => {
    const { points, x, y } = graph.edge(edge) as { points: { x: number; y: number }[]; x: number; y: number };
    const [reply = '', to = edge.w] = (edge.name ?? '').split('>');
    return { node: edge.v, reply, to, points, label: { x, y } };
  });
  return { width: Math.ceil(label.width ?? 0), height: Math.ceil(label.height ?? 0), nodes, edges };
}
