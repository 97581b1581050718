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

    it('sends an interrupted fit\'s last progress and chart before the error and idle', async () => {
      await kernel.execute('const m = models.Sequential([layers.Dense(4, { input_shape: [4] }), layers.Dense(1)]); m.compile({ optimizer: "sgd", loss: "mse" }); const fx = tf.randomNormal([256, 4]); const fy = tf.randomNormal([256, 1]);');
      const { header, reply } = kernel.sendRequest('shell', 'execute_request', { code: 'await m.fit(fx, fy, { epochs: 1000, batch_size: 8 })', silent: false });
      // Interrupt once training is under way (its second epoch has begun).
      const started = Date.now() + 30000;
      while (!kernel.iopubFor(header.msg_id).some((m) => String(m.content.text ?? '').includes('Epoch 2/1000')) && Date.now() < started) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (how === 'message') await kernel.request('control', 'interrupt_request', {}, 5000);
      else kernel.interrupt();
      expect((await reply).content.ename).to.equal('InterruptError');
      await kernel.waitIdle(header.msg_id);
      const iopub = kernel.iopubFor(header.msg_id);
      const outputs = iopub.filter((m) => !['status', 'execute_input'].includes(m.header.msg_type));
      const types = outputs.map((message) => message.header.msg_type);
      expect(types.indexOf('error'), types.join(' ')).to.equal(types.length - 1);
      const progress = outputs.filter((m) => m.header.msg_type === 'update_display_data').map((m) => (m.content.data as Record<string, string>)['text/plain']);
      expect(progress.some((text) => /^Stopped in epoch \d+\/1000/.test(text)), progress.join('\n')).to.equal(true);
      expect(iopub[iopub.length - 1].content.execution_state, 'idle comes last').to.equal('idle');
    });

    it('answers an interrupt while idle and runs the next cell normally', async () => {
      if (how === 'message') await kernel.request('control', 'interrupt_request', {}, 5000);
      else kernel.interrupt();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(resultText(await kernel.execute('survivor + 1'))).to.equal('43');
    });
  });
}
