// The tfjs backend for tests that run models in this process: cpu, so that no test depends on a GPU, tfjs-node or
// wasm, and a suite after one that switched backends (test/backend) still runs on cpu.
import * as tf from '@tensorflow/tfjs';

/** Selects the cpu backend before the enclosing suite's tests (a mocha `before` hook). */
export function useCpu(): void {
  before(async () => {
    await tf.setBackend('cpu');
  });
}
