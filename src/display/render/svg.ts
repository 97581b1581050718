// SVG for MIME bundles: the bare <svg> element, and its PNG rendering (resvg, loaded lazily: the kernel must start
// without reading the native module).
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

/** Font families resvg falls back to; DejaVu ships with Debian's fonts-dejavu-core. */
const FONT = {
  loadSystemFonts: true,
  defaultFontFamily: 'DejaVu Sans',
  sansSerifFamily: 'DejaVu Sans',
  serifFamily: 'DejaVu Serif',
  monospaceFamily: 'DejaVu Sans Mono',
};

/** Rasterises an SVG document to PNG at `scale` × its own size, on a white background. */
export function svgToPng(svg: string, scale = 1): Buffer {
  const { Resvg } = require('@resvg/resvg-js') as { Resvg: typeof ResvgClass };
  const resvg = new Resvg(svg, {
    font: FONT,
    background: 'white',
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
  });
  return resvg.render().asPng();
}

/** Everything before the root element: an XML declaration, a DOCTYPE, comments, processing instructions. */
const PROLOG = /^\s*(?:<\?[\s\S]*?\?>\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*|<!--[\s\S]*?-->\s*)*/i;

/**
 * The SVG document as an `image/svg+xml` output must be: the `<svg>` element alone, as IPython's SVG keeps it.
 * HTML embeds the output inline, where an XML declaration or DOCTYPE is invalid; nbconvert's HTML export fails on one.
 */
export function inlineSvg(svg: string): string {
  return svg.replace(PROLOG, '');
}
