// Turns any value into a MIME bundle: rich renderers first (Deno's Jupyter.display symbol, tensors, models,
// histories), then util.inspect as text/plain. Synchronous when the renderer is, so outputs keep their order.
import { inspect } from 'util';
import type { MimeBundle } from '../protocol/messages';
import { bundleFor } from './render';

export function textRepr(value: unknown): string {
  return inspect(value, { depth: 4, colors: false, maxArrayLength: 100, breakLength: 100 });
}

function complete(value: unknown, rich: MimeBundle | null): MimeBundle {
  if (!rich || Object.keys(rich).length === 0) return { 'text/plain': textRepr(value) };
  return rich['text/plain'] === undefined ? { ...rich, 'text/plain': textRepr(value) } : rich;
}

export function toBundle(value: unknown): MimeBundle | Promise<MimeBundle> {
  const rich = bundleFor(value);
  return rich instanceof Promise ? rich.then((bundle) => complete(value, bundle)) : complete(value, rich);
}
