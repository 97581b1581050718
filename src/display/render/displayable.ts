// Deno's display protocol: an object with a `[Symbol.for('Jupyter.display')]()` method displays itself as the
// bundle it returns. `Symbol.for` makes the key global, so objects built by the Keras bundle (a separate esbuild
// bundle with its own copy of the renderers) display in the kernel, and objects built for Deno notebooks too.
import { inspect } from 'util';
import type { MimeBundle } from '../../protocol/messages';

export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

/**
 * A rendering whose inputs were captured when it was made (so later changes to the model or history do not
 * alter it) and whose image is drawn once, when first displayed.
 */
export class Displayable {
  private bundle: Promise<MimeBundle> | null = null;

  constructor(
    private readonly render: () => Promise<MimeBundle>,
    /** The repr outside notebooks, e.g. `<plotModel two_branch: 7 layers>`. */
    private readonly description: string,
  ) {}

  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    this.bundle ??= this.render();
    return this.bundle;
  }

  [inspect.custom](): string {
    return this.description;
  }
}
