// Hostile input: thousands of random and mutated multipart messages on shell, control and stdin. The kernel must
// stay up, never run a message that is unsigned, forged or replayed (a counter in the user's context proves it),
// and answer normally afterwards. The generator is seeded; the seed is in the test title for replaying a failure.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fuzzAndCheck } from './fuzzer';
import { useKernel } from '../helpers/kernel';

const SEED = 20261127;
const MESSAGES = 3000;

describe('reliability: fuzzed input on shell, control and stdin', function () {
  this.timeout(180000);
  const kernel = useKernel(() => ({ env: { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-fuzz-')) }, setup: 'globalThis.hits = 0; globalThis.legit = 0;' }));

  it(`survives ${MESSAGES} random, mutated, forged and replayed messages without running any of them (seed ${SEED})`, async () => {
    console.log(`      fuzz: ${await fuzzAndCheck(kernel(), SEED, MESSAGES)}`);
  });

  it('treats message types that are Object.prototype names as unknown, not as handlers', async () => {
    for (const type of ['constructor', 'hasOwnProperty', '__proto__', 'toString']) {
      await kernel().sendRaw('shell', kernel().frames(type, {}));
    }
    const reply = await kernel().request('shell', 'kernel_info_request', {}, 5000);
    expect(reply.content.status).to.equal('ok');
    for (const type of ['constructor', 'hasOwnProperty', '__proto__', 'toString']) {
      expect(kernel().stderr).to.include(`unknown message type ${type} on shell`);
    }
    expect(kernel().stderr).not.to.match(/(constructor|hasOwnProperty|__proto__|toString) failed/);
  });
});
