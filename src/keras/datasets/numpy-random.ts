// NumPy's legacy `np.random.RandomState`, as far as Keras's loaders use it: seeding and `shuffle`. Matching it bit
// for bit is what makes `seed: 113` give the same train/test split here as in Keras.

const N = 624;
const M = 397;

/** NumPy's legacy `np.random.RandomState` (Mersenne Twister), seeded as NumPy seeds it, so shuffles match Keras's. */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`Seed must be an integer between 0 and 2**32 - 1, got ${seed}.`);
    }
    // MT19937's init_genrand, which NumPy uses for an integer seed.
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** Shuffles in place with NumPy's Fisher-Yates: for i from n-1 down to 1, swap with a bounded draw in [0, i]. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.interval(i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** `np.random.RandomState(seed).permutation(n)`. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** NumPy's `random_interval`: masked rejection sampling for a value in [0, max]. */
  private interval(max: number): number {
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    for (;;) {
      const value = (this.next() & mask) >>> 0;
      if (value <= max) return value;
    }
  }

  private next(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }
}
