// utils.set_random_seed: one seed for everything random in training. TensorFlow.js draws a fresh seed from
// Math.random for every unseeded random op (weight initializers, Dropout, noise layers) and fit() shuffles with
// Math.random too, so a seeded Math.random makes them all repeatable, as Keras's seeding of Python's `random`, NumPy
// and the backend does. validation_split takes the last samples, never random ones.

/** Math.random as it was before the first set_random_seed. */
let unseeded: (() => number) | null = null;

/** sfc32: a small, fast generator with a 128-bit state, seeded from one 32-bit number through splitmix32. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/**
 * Keras's `utils.set_random_seed(seed)`: makes weight initialization, Dropout and fit's shuffling repeatable, so that
 * re-running a notebook from this call on trains to the same numbers. It seeds Math.random (which TensorFlow.js uses
 * for unseeded random ops) in the kernel; call it again with the same seed to replay.
 */
export function setRandomSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new TypeError(`Expected \`seed\` argument to be an integer. Received: seed=${String(seed)} (of type ${typeof seed})`);
  }
  unseeded ??= Math.random;
  Math.random = generator(seed);
}

/** Math.random back to the unseeded generator (for tests). */
export function unsetRandomSeed(): void {
  if (unseeded) Math.random = unseeded;
  unseeded = null;
}
