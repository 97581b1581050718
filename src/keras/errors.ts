// Keras's error types, so that a traceback names them as Python's Keras does (`ValueError: ...`), and the
// rewording of TensorFlow.js's own errors into Keras's.

/** Keras's (Python's) ValueError: an argument has the right type but a wrong value, such as a shape. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

/** The Python form of a shape, `(None, 4)`, batch axis (or any unknown axis) as None. */
export function pyShape(shape: ReadonlyArray<number | null>, batchAsNone = false): string {
  const dims = shape.map((d, i) => (d === null || d === undefined || (batchAsNone && i === 0) ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

// tfjs's input-spec check (tfjs-layers engine/input_spec assertInputCompatibility).
const INCOMPATIBLE = /^Input (\d+) is incompatible with layer ([^:]+): (.*?) but got shape ([\d,\s]*)\.?$/s;

/**
 * TensorFlow.js's "Input 0 is incompatible with layer dense_1: expected axis -1 of input shape to have value 4 but
 * got shape 3,5." as Keras 3 words it, a ValueError thrown from here so that the traceback stops at the user's
 * call; other errors come back unchanged.
 */
export function kerasError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof ValueError) return error;
  const m = INCOMPATIBLE.exec(error.message);
  if (!m) return error;
  const [, index, layer, expected, got] = m;
  const shape = got.split(',').filter((s) => s.trim() !== '').map(Number);
  const reworded = new ValueError(`Input ${index} of layer "${layer}" is incompatible with the layer: ${expected}, but received input with shape ${pyShape(shape)}`);
  (reworded as Error & { cause?: unknown }).cause = error;
  return reworded;
}
