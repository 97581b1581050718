// The preloaded display API: display(value), display.html(...) and friends, update handles, clearOutput. It lives
// with the runtime because it publishes through the outbox; src/display only turns values into MIME bundles.
import { randomUUID } from 'crypto';
import type { JsonObject, MimeBundle } from '../../protocol/messages';
import { toBundle } from '../../display/bundle';
import {
  imageBundle, imagesGridBundle, inlineSvg, isTensorLike, plotBundle, withPlainText,
  type GridOptions, type ImageOptions, type PlotData, type PlotOptions, type TensorLike,
} from '../../display/render';
import { publish, track, writeStream } from './outbox';

/** How display(value, options) shows a value. */
export interface DisplayOptions {
  /** Reuse an id to show or update under it; by default every display gets a fresh id its handle can update. */
  displayId?: string;
  /** The output's metadata (per MIME type, e.g. `{ 'image/png': { width: 200 } }`). */
  metadata?: JsonObject;
  /** The value is already a MIME bundle, or a promise of one. */
  raw?: boolean;
}

type Where = Omit<DisplayOptions, 'raw'>;

/** A value's MIME bundle; a renderer that fails says so on the cell's stderr and the value shows as text. */
export function renderValue(value: unknown): MimeBundle | Promise<MimeBundle> {
  return toBundle(value, (text) => writeStream('stderr', text));
}

/** Publishes once the bundle is ready: at once for synchronous renderers, otherwise tracked so the cell waits. */
function whenReady(value: unknown, raw: boolean | undefined, send: (bundle: MimeBundle) => void): void {
  const bundle = raw ? (value as MimeBundle | Promise<MimeBundle>) : renderValue(value);
  if (bundle instanceof Promise) track(bundle.then(send));
  else send(bundle);
}

/** What display() returns: the id of the output it made, to update or show again. */
export class DisplayHandle {
  constructor(readonly displayId: string) {}

  /** Replaces the output everywhere this display id is shown. */
  update(value: unknown, options: Omit<DisplayOptions, 'displayId'> = {}): void {
    whenReady(value, options.raw, (data) => updateBundle(data, this.displayId, options.metadata));
  }

  /** Shows the same display id once more, below the current cell's outputs. */
  display(value: unknown, options: Omit<DisplayOptions, 'displayId'> = {}): void {
    whenReady(value, options.raw, (data) => displayBundle(data, this.displayId, options.metadata));
  }
}

/** Shows a ready bundle as a display_data output under `displayId`; the handle updates it. */
export function displayBundle(data: MimeBundle, displayId: string = randomUUID(), metadata: JsonObject = {}): DisplayHandle {
  publish('display_data', { data, metadata, transient: { display_id: displayId } });
  return new DisplayHandle(displayId);
}

/** Replaces the output shown under `displayId` with a ready bundle, wherever it is shown. */
export function updateBundle(data: MimeBundle, displayId: string, metadata: JsonObject = {}): void {
  publish('update_display_data', { data, metadata, transient: { display_id: displayId } });
}

function displayValue(value: unknown, options: DisplayOptions = {}): DisplayHandle {
  const handle = new DisplayHandle(options.displayId ?? randomUUID());
  handle.display(value, options);
  return handle;
}

function base64(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

/** A helper that shows data of one MIME type, with a plain-text form for consoles. */
function mime<T>(type: string, encode: (data: T) => unknown = (data) => data) {
  return (data: T, options: Where = {}): DisplayHandle =>
    displayValue(withPlainText({ [type]: encode(data) }), { ...options, raw: true });
}

/** Splits the display options (id, metadata) from the renderer's own. */
function where<T extends Where>(options: T): [Where, Omit<T, keyof Where>] {
  const { displayId, metadata, ...own } = options;
  return [{ displayId, metadata }, own];
}

function tensorArgument(value: unknown, what: string): TensorLike {
  if (isTensorLike(value)) return value;
  throw new Error(`${what}: expected a tf.Tensor, got ${value === null ? 'null' : typeof value}; wrap arrays with tf.tensor(...)`);
}

/** One image tensor (H×W, H×W×1, H×W×3, H×W×4; floats in [0, 1] or integers in [0, 255]) as a PNG. */
function image(tensor: TensorLike, options: ImageOptions & Where = {}): DisplayHandle {
  const [at, own] = where(options);
  return displayValue(imageBundle(tensorArgument(tensor, 'display.image'), own), { ...at, raw: true });
}

/** A batch of images [N, H, W] or [N, H, W, C] as one grid, `cols` a row. */
function images(batch: TensorLike, options: GridOptions & Where = {}): DisplayHandle {
  const [at, own] = where(options);
  return displayValue(imagesGridBundle(tensorArgument(batch, 'display.images'), own), { ...at, raw: true });
}

/** A line or scatter chart of the user's own data, as Vega-Lite + PNG + a text table. */
function plot(data: PlotData, options: PlotOptions & Where = {}): DisplayHandle {
  const [at, own] = where(options);
  return displayValue(plotBundle(data, own), { ...at, raw: true });
}

/** `display` is callable and carries one helper per MIME type, each returning an update handle. */
export const display = Object.assign((value: unknown, options?: DisplayOptions): DisplayHandle => displayValue(value, options), {
  /** An HTML fragment. */
  html: mime<string>('text/html'),
  /** Markdown text. */
  markdown: mime<string>('text/markdown'),
  /** An SVG document; its XML declaration or DOCTYPE is dropped, so that it can sit inline in HTML. */
  svg: mime<string>('image/svg+xml', (svg) => inlineSvg(String(svg))),
  /** PNG bytes, or their base64 text. */
  png: mime<Uint8Array | string>('image/png', base64),
  /** JPEG bytes, or their base64 text. */
  jpeg: mime<Uint8Array | string>('image/jpeg', base64),
  /** Any JSON value, shown as a collapsible tree where the frontend has one. */
  json: mime<unknown>('application/json'),
  /** LaTeX, e.g. `'$x^2$'`. */
  latex: mime<string>('text/latex'),
  /** Plain text, shown as it is (no util.inspect quoting). */
  text: (text: string, options: Where = {}): DisplayHandle => displayValue({ 'text/plain': text }, { ...options, raw: true }),
  /** One image tensor as a PNG. */
  image,
  /** A batch of image tensors as one grid of PNGs. */
  images,
  /** A line or scatter chart of the user's own data. */
  plot,
});

/** Clears the cell's outputs; with `wait: true`, only once the next output arrives (no flicker in loops). */
export function clearOutput(options: { wait?: boolean } = {}): void {
  publish('clear_output', { wait: options.wait === true });
}
