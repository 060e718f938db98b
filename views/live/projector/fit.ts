/**
 * A slide cannot scroll: when what a box holds is taller than the box (a long line, six long
 * replies in Russian), its type shrinks step by step, down to `min` of its size, until it fits.
 * The box's CSS sizes its text in `em` of `calc(1rem * var(--fit))`.
 */
export function fitToHeight(box: HTMLElement, min = 0.65): void {
  let scale = 1;
  box.style.setProperty('--fit', '1');
  while (box.scrollHeight > box.clientHeight + 1 && scale > min) {
    scale = Math.round((scale - 0.05) * 100) / 100;
    box.style.setProperty('--fit', String(scale));
  }
}
