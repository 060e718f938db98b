/** A directed graph in compressed rows: the edges out of vertex `v` are `firstEdge[v]` up to `firstEdge[v + 1]`, each leading to `to[edge]`. */
export interface Adjacency {
  firstEdge: ArrayLike<number>;
  to: ArrayLike<number>;
}

export interface Components {
  /** Every vertex, grouped by component, sinks first: on a graph without cycles each edge leads to a vertex earlier in `order`. */
  order: Int32Array;
  /** The components a walk can go round in: more than one vertex, or one with an edge to itself. */
  cyclic: number[][];
}

/**
 * Tarjan's strongly connected components, iterative because state graphs run to thousands of
 * states, too deep for recursion.
 */
export function stronglyConnected({ firstEdge, to }: Adjacency): Components {
  const size = firstEdge.length - 1;
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const selfLoop = new Uint8Array(size);
  const open: number[] = [];
  const order: number[] = [];
  const cyclic: number[][] = [];
  let visited = 0;
  // The depth-first path: each vertex with the next of its edges to look at.
  const path: number[] = [];
  const nextEdge: number[] = [];
  const enter = (vertex: number) => {
    index[vertex] = low[vertex] = visited++;
    onStack[vertex] = 1;
    open.push(vertex);
    path.push(vertex);
    nextEdge.push(firstEdge[vertex] as number);
  };
  for (let root = 0; root < size; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (path.length > 0) {
      const top = path.length - 1;
      const vertex = path[top] as number;
      const edge = nextEdge[top] as number;
      if (edge < (firstEdge[vertex + 1] as number)) {
        nextEdge[top] = edge + 1;
        const target = to[edge] as number;
        if (target === vertex) selfLoop[vertex] = 1;
        if (index[target] === -1) enter(target);
        else if (onStack[target] === 1) low[vertex] = Math.min(low[vertex] as number, index[target] as number);
        continue;
      }
      path.pop();
      nextEdge.pop();
      const caller = path.at(-1);
      if (caller !== undefined) low[caller] = Math.min(low[caller] as number, low[vertex] as number);
      if (low[vertex] !== index[vertex]) continue;
      const first = order.length;
      let member: number;
      do {
        member = open.pop() as number;
        onStack[member] = 0;
        order.push(member);
      } while (member !== vertex);
      if (order.length - first > 1 || selfLoop[vertex] === 1) cyclic.push(order.slice(first));
    }
  }
  return { order: new Int32Array(order), cyclic };
}
