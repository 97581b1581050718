// Vega-Lite spec → SVG (vega, headless) → PNG (resvg). The packages load on first use, not with the kernel.
import type * as VegaLite from 'vega-lite';
import type * as Vega from 'vega';
import { svgToPng } from './svg';

export type VegaLiteSpec = VegaLite.TopLevelSpec;

export async function vegaLiteToSvg(spec: VegaLiteSpec): Promise<string> {
  const vl = require('vega-lite') as typeof VegaLite;
  const vega = require('vega') as typeof Vega;
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function vegaLiteToPng(spec: VegaLiteSpec): Promise<Buffer> {
  return svgToPng(await vegaLiteToSvg(spec));
}
