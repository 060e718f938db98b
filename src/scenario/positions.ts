import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { PathPart } from './problems.ts';

/**
 * A YAML (or JSON, which is YAML 1.2) document that knows where each value starts. Building it is
 * several times slower than a plain read, so callers build it only when a problem needs a line.
 */
export interface PositionedDocument {
  doc: Document;
  lineCounter: LineCounter;
}

/** The YAML 1.2 core schema, as js-yaml reads it, so both readers agree on every value. */
export function readPositioned(text: string): PositionedDocument {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core' }), lineCounter };
}

/** The line of the deepest part of `path` that exists in the document. */
export function lineOf({ doc, lineCounter }: PositionedDocument, path: readonly PathPart[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
