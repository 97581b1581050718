// Interrupts by interrupt_request and by SIGINT to the kernel's process group (as jupyter_client sends it): spinning loops, pending promises and awaited tf loops stop within
// a second, the cell fails with InterruptError, and every variable survives.
import { expect } from 'chai';
import { KernelClient } from '../../src/client/kernel-client';

const { resultText } = KernelClient;

async function interruptAfter(kernel: KernelClient, code: string, how: 'message' | 'signal', delayMs = 400) {
  const running = kernel.execute(code, {}, 20000);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const started = Date.now();
  if (how === 'message') await kernel.request('control', 'interrupt_request', {}, 5000);
  else kernel.interrupt();
  const outcome = await running;
  return { outcome, elapsed: Date.now() - started };
}

const CASES: [string, string][] = [
  ['a synchronous while (true) {}', 'while (true) {}'],
  ['a spin after an await', 'await new Promise((r) => setTimeout(r, 10)); while (true) {}'],
  ['a pending promise', 'await new Promise(() => {})'],
  ['an awaited loop of tf ops', 'let t = tf.zeros([64, 64]); for (;;) { const next = tf.tidy(() => t.add(1)); t.dispose(); t = next; await t.data(); }'],
  ['a microtask-only await loop', 'for (;;) { await 0; }'],
];

for (const how of ['message', 'signal'] as const) {
  describe(`kernel: interrupts by ${how === 'message' ? 'interrupt_request' : 'SIGINT to the process group'}`, function () {
    this.timeout(60000);
    let kernel: KernelClient;

    before(async () => {
      kernel = await KernelClient.start();
      await kernel.execute('const survivor = 42; await tf.ready();');
    });
    after(async () => {
      await kernel.shutdown();
    });

    for (const [name, code] of CASES) {
      it(`stops ${name} within a second and keeps every variable`, async () => {
        const { outcome, elapsed } = await interruptAfter(kernel, code, how);
        expect(outcome.reply.content.status).to.equal('error');
        expect(outcome.reply.content.ename).to.equal('InterruptError');
        expect(elapsed).to.be.below(1000);
        expect(outcome.outputs.filter((m) => m.header.msg_type === 'error')).to.have.length(1);
        expect(resultText(await kernel.execute('survivor'))).to.equal('42');
      });
    }

    it('answers an interrupt while idle and runs the next cell normally', async () => {
      if (how === 'message') await kernel.request('control', 'interrupt_request', {}, 5000);
      else kernel.interrupt();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(resultText(await kernel.execute('survivor + 1'))).to.equal('43');
    });
  });
}
