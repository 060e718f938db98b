/** Small line icons as inline SVG (24×24), so nothing depends on an emoji font being installed. */
const PATHS = {
  soundOn: 'M4 9h4l5-4v14l-5-4H4z M16 8.5a5 5 0 0 1 0 7 M18.5 6a8.5 8.5 0 0 1 0 12',
  soundOff: 'M4 9h4l5-4v14l-5-4H4z M16 9l5 6 M21 9l-5 6',
  pause: 'M8 5v14 M16 5v14',
  breath: 'M3 8h10a3 3 0 1 0-3-3 M3 12h15a3 3 0 1 1-3 3 M3 16h7',
  timer: 'M12 8v5l3 2 M9 2h6 M12 22a8 8 0 1 0 0-16 8 8 0 0 0 0 16z',
  lock: 'M6 11h12v10H6z M8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  counter: 'M3 10h18 M4 10l2-6h12l2 6 M5 10v10h14V10 M10 20v-5h4v5',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  chat: 'M4 5h16v11H9l-5 4z',
  social: 'M3 10v4h3l8 5V5L6 10z M18 9a4 4 0 0 1 0 6',
  email: 'M3 6h18v12H3z M3 6l9 7 9-7',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName): SVGSVGElement {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.append(path);
  return svg;
}
