// Turns any value into a MIME bundle: rich renderers first (Deno's Jupyter.display symbol, tensors, models,
// histories), then util.inspect as text/plain. Synchronous when the renderer is, so outputs keep their order.
import { inspect } from 'util';
import type { MimeBundle } from '../protocol/messages';
import { writeStream } from '../interpreter/outbox';
import { bundleFor } from './render';

export function textRepr(value: unknown): string {
  return inspect(value, { depth: 4, colors: false, maxArrayLength: 100, breakLength: 100 });
}

function complete(value: unknown, rich: MimeBundle | null): MimeBundle {
  if (!rich || Object.keys(rich).length === 0) return { 'text/plain': textRepr(value) };
  return rich['text/plain'] === undefined ? { ...rich, 'text/plain': textRepr(value) } : rich;
}

/**
 * A renderer that throws (a user's Jupyter.display method, a chart that cannot be drawn) costs the rich form only:
 * as IPython does with a failing formatter, say why on stderr and show the value as text, so the cell still succeeds.
 */
function asText(value: unknown, error: unknown): MimeBundle {
  const why = error instanceof Error ? error.message : String(error);
  writeStream('stderr', `display failed: ${why}; showing the value as text\n`);
  return { 'text/plain': textRepr(value) };
}

export function toBundle(value: unknown): MimeBundle | Promise<MimeBundle> {
  let rich: ReturnType<typeof bundleFor>;
  try {
    rich = bundleFor(value);
  } catch (error) {
    return asText(value, error);
  }
  if (rich instanceof Promise) return rich.then((bundle) => complete(value, bundle), (error: unknown) => asText(value, error));
  return complete(value, rich);
}
