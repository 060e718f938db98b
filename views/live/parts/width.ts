import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * A bar's length as a share, 0–100 %. Set through the element's style object (CSSOM), which the
 * pages' Content Security Policy (style-src 'self') allows, where a style attribute in the markup
 * (what Lit's styleMap writes first) is refused.
 */
class WidthDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('barWidth() goes on an element: <span ${barWidth(50)}>');
  }

  // The signature only (what a template passes); `update` does the work.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  render(_percent: number) {
    return nothing;
  }

  override update(part: ElementPart, [percent]: [number]) {
    (part.element as HTMLElement).style.width = `${Math.max(0, Math.min(100, percent))}%`;
    return nothing;
  }
}

export const barWidth = directive(WidthDirective);
