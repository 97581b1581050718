// The long fuzz run: the same hostile generator as test/reliability/fuzz.test.ts, with more messages and other seeds.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fuzzAndCheck } from '../reliability/fuzzer';
import { useKernel } from '../helpers/kernel';

const SEEDS = [1, 2];
const MESSAGES = 20000;

describe('soak: long fuzz runs', function () {
  this.timeout(600000);
  const kernel = useKernel(() => ({ env: { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-soak-fuzz-')) }, setup: 'globalThis.hits = 0; globalThis.legit = 0;' }));

  for (const seed of SEEDS) {
    it(`survives ${MESSAGES} fuzzed messages without running a forged or replayed one (seed ${seed})`, async () => {
      await kernel().execute('legit = 0');
      console.log(`      fuzz: ${await fuzzAndCheck(kernel(), seed, MESSAGES)}`);
    });
  }
});
