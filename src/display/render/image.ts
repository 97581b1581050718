// Image tensors as PNG: one image (H×W, H×W×1, H×W×3, H×W×4) or a grid of a batch (MNIST digits).
import type { MimeBundle } from '../../protocol/messages';
import { encodePng } from './png';
import type { TensorLike } from './tensor';

export interface ImageOptions {
  /** Nearest-neighbour upscaling factor; default: enough for small images (28×28 → ×3) to be seen. */
  scale?: number;
}

export interface GridOptions extends ImageOptions {
  /** Images per row; default: up to 10. */
  cols?: number;
}

const GAP = 2;

/** Height, width, channels of images of `shape` (without the batch axis). */
function imageShape(shape: number[], what: string): [number, number, number] {
  const [h, w, c = 1] = shape;
  if ((shape.length !== 2 && shape.length !== 3) || ![1, 3, 4].includes(c)) {
    const expected = '[H, W], [H, W, 1], [H, W, 3] or [H, W, 4]';
    throw new Error(`${what}: expected a shape like ${expected}, got [${shape.join(', ')}]`);
  }
  return [h, w, c];
}

/** Float images brighter than this are taken to be in [0, 255]; see `toBytes`. */
const FLOAT_255_ABOVE = 2;

/**
 * Pixel bytes from tensor values: integers are in [0, 255]; floats are in [0, 1] unless some exceed 2, in which case
 * (as with raw MNIST read as floats) they are in [0, 255]. Not "exceed 1": rounding leaves [0, 1] data such as
 * `tf.linspace(0, 1, n)` a hair above 1, and a [0, 255] image whose brightest pixel is under 2/255 is black either
 * way. Out-of-range values clamp.
 */
function toBytes(values: ArrayLike<number>, dtype: string): Uint8Array {
  let factor = 1;
  if (dtype === 'bool') factor = 255;
  else if (dtype.startsWith('float')) {
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
    factor = max > FLOAT_255_ABOVE ? 1 : 255;
  }
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(values[i] * factor)));
  return out;
}

function autoScale(h: number, w: number): number {
  return Math.max(1, Math.min(8, Math.floor(96 / Math.max(h, w))));
}

function pngBundle(width: number, height: number, channels: number, pixels: Uint8Array, text: string): MimeBundle {
  return { 'image/png': encodePng(width, height, channels, pixels).toString('base64'), 'text/plain': text };
}

interface Layout {
  h: number;
  w: number;
  c: number;
  scale: number;
}

/** A canvas of `width` pixels a row, with the channels of the images drawn on it. */
interface Canvas {
  pixels: Uint8Array;
  width: number;
}

/** Draws the image at `offset` in `src`, scaled by nearest neighbour, at (`top`, `left`) on `canvas`. */
function blit(src: Uint8Array, offset: number, { h, w, c, scale }: Layout, canvas: Canvas, top: number, left: number) {
  for (let y = 0; y < h * scale; y++) {
    for (let x = 0; x < w * scale; x++) {
      const from = offset + (Math.floor(y / scale) * w + Math.floor(x / scale)) * c;
      const to = ((top + y) * canvas.width + left + x) * c;
      for (let k = 0; k < c; k++) canvas.pixels[to + k] = src[from + k];
    }
  }
}

export function imageBundle(tensor: TensorLike, options: ImageOptions = {}): MimeBundle {
  const [h, w, c] = imageShape(tensor.shape, 'image');
  const scale = options.scale ?? autoScale(h, w);
  const canvas = { pixels: new Uint8Array(h * scale * w * scale * c), width: w * scale };
  blit(toBytes(tensor.dataSync() as ArrayLike<number>, tensor.dtype), 0, { h, w, c, scale }, canvas, 0, 0);
  return pngBundle(w * scale, h * scale, c, canvas.pixels, `<image ${h}×${w}×${c}, shown ×${scale}>`);
}

/** A batch [N, H, W] or [N, H, W, C] as a grid, white gaps between images. */
export function imagesGridBundle(batch: TensorLike, options: GridOptions = {}): MimeBundle {
  const [n, ...rest] = batch.shape;
  const [h, w, c] = imageShape(rest, 'images');
  if (n === undefined || n === 0) {
    throw new Error('images: the batch is empty; pass a tensor of shape [N, H, W] or [N, H, W, C] with N ≥ 1');
  }
  const cols = Math.max(1, Math.min(n, options.cols ?? 10));
  const rows = Math.ceil(n / cols);
  const scale = options.scale ?? autoScale(h, w);
  const [cellH, cellW] = [h * scale, w * scale];
  const width = cols * cellW + (cols - 1) * GAP;
  const height = rows * cellH + (rows - 1) * GAP;
  const canvas = { pixels: new Uint8Array(width * height * c).fill(255), width };
  const bytes = toBytes(batch.dataSync() as ArrayLike<number>, batch.dtype);
  for (let i = 0; i < n; i++) {
    const top = Math.floor(i / cols) * (cellH + GAP);
    const left = (i % cols) * (cellW + GAP);
    blit(bytes, i * h * w * c, { h, w, c, scale }, canvas, top, left);
  }
  const text = `<${n} images ${h}×${w}×${c} in a ${rows}×${cols} grid, shown ×${scale}>`;
  return pngBundle(width, height, c, canvas.pixels, text);
}
