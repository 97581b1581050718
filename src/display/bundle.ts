// Turns any value into a MIME bundle: rich renderers first (Deno's Jupyter.display symbol, tensors, models,
// histories), then util.inspect as text/plain. Synchronous when the renderer is, so outputs keep their order.
// Sends nothing itself: a renderer's failure goes to the `warn` its caller passes (the kernel's stderr).
import { inspect } from 'util';
import type { MimeBundle } from '../protocol/messages';
import { bundleFor } from './render';

/** Where toBundle reports a renderer that failed: one line of text, ending in a newline. */
export type RenderWarning = (text: string) => void;

function textRepr(value: unknown): string {
  return inspect(value, { depth: 4, colors: false, maxArrayLength: 100, breakLength: 100 });
}

function complete(value: unknown, rich: MimeBundle | null): MimeBundle {
  if (!rich || Object.keys(rich).length === 0) return { 'text/plain': textRepr(value) };
  return rich['text/plain'] === undefined ? { ...rich, 'text/plain': textRepr(value) } : rich;
}

/**
 * A renderer that throws (a user's Jupyter.display method, a chart that cannot be drawn) costs the rich form only:
 * as IPython does with a failing formatter, say why (through `warn`, to stderr) and show the value as text, so the
 * cell still succeeds.
 */
function asText(value: unknown, error: unknown, warn: RenderWarning): MimeBundle {
  const why = error instanceof Error ? error.message : String(error);
  warn(`display failed: ${why}; showing the value as text\n`);
  return { 'text/plain': textRepr(value) };
}

/** The value's bundle, always with text/plain; a promise when its rich renderer is asynchronous. */
export function toBundle(value: unknown, warn: RenderWarning): MimeBundle | Promise<MimeBundle> {
  let rich: ReturnType<typeof bundleFor>;
  try {
    rich = bundleFor(value);
  } catch (error) {
    return asText(value, error, warn);
  }
  if (rich instanceof Promise) {
    return rich.then((bundle) => complete(value, bundle), (error: unknown) => asText(value, error, warn));
  }
  return complete(value, rich);
}
