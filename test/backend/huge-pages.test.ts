// The wasm heap on transparent huge pages (src/backend/wasm/huge-pages.ts, tsdl_pages.c), as Linux's smaps shows
// it: the heap's mapping carries the advice (`hg`), and so does what the heap grows into later.
import { expect } from 'chai';
import { readFileSync } from 'fs';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendInfo } from '../../src/backend';
import { heapBuffer } from '../../src/backend/wasm/heap';
import { wasmReady } from './helpers';

/** The sizes in bytes of this process's writable anonymous mappings advised onto huge pages. */
function advisedMappings(): number[] {
  return readFileSync('/proc/self/smaps', 'utf8')
    .split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)
    .filter((mapping) => /^\S+ rw-p 00000000 00:00 0\s/.test(mapping) && /^VmFlags:.* hg\b/m.test(mapping))
    .map((mapping) => Number(/^Size:\s+(\d+) kB/m.exec(mapping)![1]) * 1024);
}

describe('backend: the wasm heap on huge pages', function () {
  this.timeout(60000);
  before(wasmReady);
  after(() => tf.setBackend('cpu'));

  it('advises the heap and the range it grows into, where the system lets advice count', async () => {
    await tf.setBackend('wasm');
    const setting = /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))![1];
    // 256 MB more than any test here keeps: the heap grows past what it held when the advice was given.
    const big = tf.zeros([64 * 1024 * 1024], 'float32');
    try {
      const heapBytes = heapBuffer(tf.backend() as BackendWasm).byteLength;
      expect(heapBytes).to.be.at.least(256 * 1024 * 1024);
      if (setting === 'never') {
        expect(advisedMappings()).to.deep.equal([]);
        expect(backendInfo().fastPath.detail).not.to.include('huge pages');
      } else {
        expect(Math.max(...advisedMappings())).to.be.at.least(heapBytes);
        expect(backendInfo().fastPath.detail).to.include('the wasm heap on huge pages');
      }
    } finally {
      big.dispose();
    }
  });
});
