/**
 * A tiny element builder for the accessible DOM layer. Text always goes in as textContent, never
 * as HTML, so names, imports and translations cannot inject markup.
 */
type Attributes = Record<string, string | number | boolean | undefined>;

export interface ElementOptions {
  class?: string;
  text?: string;
  testid?: string;
  attrs?: Attributes;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: (Node | string | null | undefined | false)[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.class) element.className = options.class;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.testid) element.dataset.testid = options.testid;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    // ARIA states are spelled out ("true"/"false"); other booleans are present or absent.
    if (name.startsWith('aria-') && value !== undefined) element.setAttribute(name, String(value));
    else if (value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(options.on ?? {})) element.addEventListener(type, listener as EventListener);
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Moves keyboard focus without scrolling the page behind the canvas. */
export const focusQuietly = (element: HTMLElement | null | undefined) => element?.focus({ preventScroll: true });
