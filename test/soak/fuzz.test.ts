// The long fuzz run: the same hostile generator as test/reliability/fuzz.test.ts, with more messages and other seeds.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KernelClient } from '../../src/client/kernel-client';
import { fuzzAndCheck } from '../reliability/fuzzer';

const SEEDS = [1, 2];
const MESSAGES = 20000;

describe('soak: long fuzz runs', function () {
  this.timeout(600000);
  let kernel: KernelClient;

  before(async () => {
    kernel = await KernelClient.start({ env: { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-soak-fuzz-')) } });
    await kernel.execute('globalThis.hits = 0; globalThis.legit = 0;');
  });
  after(async () => {
    await kernel.shutdown();
  });

  for (const seed of SEEDS) {
    it(`survives ${MESSAGES} fuzzed messages without running a forged or replayed one (seed ${seed})`, async () => {
      await kernel.execute('legit = 0');
      console.log(`      fuzz: ${await fuzzAndCheck(kernel, seed, MESSAGES)}`);
    });
  }
});
