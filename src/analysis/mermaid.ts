import type { Condition, Scenario } from '../scenario/schema.ts';

const OUTCOME_STYLE = { resolved: 'fill:#d8f0e0,stroke:#2d7a4b', escalated: 'fill:#e3ecf6,stroke:#1f5a94', customerLost: 'fill:#f6dcd9,stroke:#a8322a', publicComplaint: 'fill:#fbe8c8,stroke:#c98a12' } as const;

function condition(test: Condition): string {
  const parts = [
    test.moodAtLeast !== undefined && `mood ≥ ${test.moodAtLeast}`,
    test.moodBelow !== undefined && `mood < ${test.moodBelow}`,
    test.composureAtLeast !== undefined && `composure ≥ ${test.composureAtLeast}`,
    test.composureBelow !== undefined && `composure < ${test.composureBelow}`,
    test.said && `said ${test.said.join(', ')}`,
    test.notSaid && `not said ${test.notSaid.join(', ')}`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** Mermaid flowchart: decision nodes as boxes, endings as rounded boxes coloured by outcome, replies as labelled arrows. */
export function mermaidGraph(scenario: Scenario): string {
  const lines = ['flowchart TD'];
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.ending) {
      lines.push(`  ${id}(["${id}: ${node.ending}"])`, `  style ${id} ${OUTCOME_STYLE[node.ending]}`);
      continue;
    }
    lines.push(`  ${id}["${id}${node.composure < 0 ? ` (composure ${node.composure})` : ''}"]`);
    node.replies?.forEach((reply, i) => {
      const label = `${i + 1} ${reply.id}${reply.needsComposure !== undefined ? ' 🔒' : ''}`;
      const routes = typeof reply.next === 'string' ? [{ to: reply.next, if: undefined }] : reply.next;
      for (const route of routes) lines.push(`  ${id} -->|"${label}${route.if ? ` if ${condition(route.if)}` : ''}"| ${route.to}`);
    });
  }
  if (scenario.breakingPoint) lines.push(`  breaking{{"any node, mood ≥ ${scenario.breakingPoint.moodAtLeast}"}} -.-> ${scenario.breakingPoint.to}`);
  return lines.join('\n');
}
