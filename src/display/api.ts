// The preloaded display API: display(value), display.html(...) and friends, update handles, clearOutput.
import { randomUUID } from 'crypto';
import type { JsonObject, MimeBundle } from '../protocol/messages';
import { publish, track } from '../interpreter/outbox';
import { toBundle } from './bundle';

export interface DisplayOptions {
  /** Reuse an id to show or update under it; by default every display gets a fresh id its handle can update. */
  displayId?: string;
  metadata?: JsonObject;
  /** The value is already a MIME bundle. */
  raw?: boolean;
}

/** Publishes once the bundle is ready: at once for synchronous renderers, otherwise tracked so the cell waits. */
function whenReady(value: unknown, raw: boolean | undefined, send: (bundle: MimeBundle) => void): void {
  const bundle = raw ? (value as MimeBundle) : toBundle(value);
  if (bundle instanceof Promise) track(bundle.then(send));
  else send(bundle);
}

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

export function displayBundle(data: MimeBundle, displayId: string = randomUUID(), metadata: JsonObject = {}): DisplayHandle {
  publish('display_data', { data, metadata, transient: { display_id: displayId } });
  return new DisplayHandle(displayId);
}

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

function mime<T>(type: string, encode: (data: T) => unknown = (data) => data) {
  return (data: T, options: Omit<DisplayOptions, 'raw'> = {}): DisplayHandle =>
    displayValue({ [type]: encode(data), 'text/plain': `<${type}>` }, { ...options, raw: true });
}

/** `display` is callable and carries one helper per MIME type, each returning an update handle. */
export const display = Object.assign((value: unknown, options?: DisplayOptions): DisplayHandle => displayValue(value, options), {
  html: mime<string>('text/html'),
  markdown: mime<string>('text/markdown'),
  svg: mime<string>('image/svg+xml'),
  png: mime<Uint8Array | string>('image/png', base64),
  jpeg: mime<Uint8Array | string>('image/jpeg', base64),
  json: mime<unknown>('application/json'),
  latex: mime<string>('text/latex'),
  text: (text: string, options: Omit<DisplayOptions, 'raw'> = {}): DisplayHandle =>
    displayValue({ 'text/plain': text }, { ...options, raw: true }),
});

export function clearOutput(options: { wait?: boolean } = {}): void {
  publish('clear_output', { wait: options.wait === true });
}
