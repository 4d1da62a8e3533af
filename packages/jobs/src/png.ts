import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

// Bundled so a container without fonts still draws its labels (DejaVu Sans, free licence in
// assets/DejaVuSans-LICENSE.txt).
const FONT = fileURLToPath(new URL('../assets/DejaVuSans.ttf', import.meta.url));

/** Renders an SVG to PNG on the server: no browser, no chart service. */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
