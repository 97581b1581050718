// Interrupts by interrupt_request and by SIGINT to the kernel's process group (as jupyter_client sends it): spinning loops, pending promises and awaited tf loops stop within
// a second, the cell fails with InterruptError, and every variable survives.
import { expect } from 'chai';
import { resultText, TestKernelClient, useKernel } from '../helpers/kernel';

async function interruptAfter(kernel: TestKernelClient, code: string, how: 'message' | 'signal', delayMs = 400) {
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
    const kernel = useKernel({ setup: 'const survivor = 42; await tf.ready();' });

    for (const [name, code] of CASES) {
      it(`stops ${name} within a second and keeps every variable`, async () => {
        const { outcome, elapsed } = await interruptAfter(kernel(), code, how);
        expect(outcome.reply.content.status).to.equal('error');
        expect(outcome.reply.content.ename).to.equal('InterruptError');
        expect(elapsed).to.be.below(1000);
        expect(outcome.outputs.filter((m) => m.header.msg_type === 'error')).to.have.length(1);
        expect(resultText(await kernel().execute('survivor'))).to.equal('42');
      });
    }

    it('sends an interrupted fit\'s last progress and chart before the error and idle', async () => {
      await kernel().execute('const m = models.Sequential([layers.Dense(4, { input_shape: [4] }), layers.Dense(1)]); m.compile({ optimizer: "sgd", loss: "mse" }); const fx = tf.randomNormal([256, 4]); const fy = tf.randomNormal([256, 1]);');
      const { header, reply } = kernel().sendRequest('shell', 'execute_request', { code: 'await m.fit(fx, fy, { epochs: 1000, batch_size: 8 })', silent: false });
      // Interrupt once training is under way (its second epoch has begun).
      const started = Date.now() + 30000;
      while (!kernel().iopubFor(header.msg_id).some((m) => String(m.content.text ?? '').includes('Epoch 2/1000')) && Date.now() < started) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (how === 'message') await kernel().request('control', 'interrupt_request', {}, 5000);
      else kernel().interrupt();
      const content = (await reply).content;
      expect(content.ename, `${content.evalue}\n${(content.traceback as string[] | undefined)?.join('\n')}`).to.equal('InterruptError');
      await kernel().waitIdle(header.msg_id);
      const iopub = kernel().iopubFor(header.msg_id);
      const outputs = iopub.filter((m) => !['status', 'execute_input'].includes(m.header.msg_type));
      const types = outputs.map((message) => message.header.msg_type);
      expect(types.indexOf('error'), types.join(' ')).to.equal(types.length - 1);
      const progress = outputs.filter((m) => m.header.msg_type === 'update_display_data').map((m) => (m.content.data as Record<string, string>)['text/plain']);
      expect(progress.some((text) => /^Stopped (in|after) epoch \d+\/1000/.test(text)), progress.join('\n')).to.equal(true);
      expect(iopub[iopub.length - 1].content.execution_state, 'idle comes last').to.equal('idle');
    });

    it('answers an interrupt while idle and runs the next cell normally', async () => {
      if (how === 'message') await kernel().request('control', 'interrupt_request', {}, 5000);
      else kernel().interrupt();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(resultText(await kernel().execute('survivor + 1'))).to.equal('43');
    });
  });
}

describe('kernel: interrupts during training', function () {
  this.timeout(120000);
  const kernel = useKernel({ setup: 'const survivor = 42; await tf.ready();' });

  /** A small model and data, for fits whose callbacks misbehave. */
  const SMALL_FIT = 'var m = models.Sequential([layers.Dense(4, { input_shape: [4] }), layers.Dense(1)]); m.compile({ optimizer: "sgd", loss: "mse" }); var fx = tf.randomNormal([256, 4]); var fy = tf.randomNormal([256, 1]);';

  async function interruptFit(setup: string, fitCall: string, started: (texts: string) => boolean) {
    await kernel().execute(setup);
    const before = Number(resultText(await kernel().execute('tf.memory().numTensors')));
    const { header, reply } = kernel().sendRequest('shell', 'execute_request', { code: fitCall, silent: false });
    const deadline = Date.now() + 60000;
    while (!started(kernel().iopubFor(header.msg_id).map((m) => String(m.content.text ?? '')).join('')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Output printed just before a spin cannot leave the worker: let the spin begin.
    await new Promise((resolve) => setTimeout(resolve, 300));
    kernel().interrupt();
    const content = (await reply).content;
    await kernel().waitIdle(header.msg_id);
    return { content, before, iopub: kernel().iopubFor(header.msg_id) };
  }

  async function expectHealthy(tensorsBefore: number) {
    expect(resultText(await kernel().execute('survivor'))).to.equal('42');
    expect(Number(resultText(await kernel().execute('tf.memory().numTensors')))).to.equal(tensorsBefore);
    const again = await kernel().execute('(await m.fit(fx, fy, { epochs: 1, batch_size: 64, verbose: 0 })).history.loss.length');
    expect(again.reply.content.status, JSON.stringify(again.reply.content)).to.equal('ok');
    expect(resultText(again)).to.equal('1');
  }

  it('waits for a batch longer than the cooperative window instead of cutting it off, then stops', async () => {
    // Each batch is a few hundred million multiply-adds, long enough that an interrupt lands inside one.
    const setup = 'var m = models.Sequential([layers.Dense(2048, { input_shape: [2048], activation: "relu" }), layers.Dense(2048), layers.Dense(1)]); m.compile({ optimizer: optimizers.SGD({ learning_rate: 1e-5 }), loss: "mse" }); var fx = tf.randomNormal([2048, 2048]); var fy = tf.randomNormal([2048, 1]);';
    const { content, before, iopub } = await interruptFit(setup, 'await m.fit(fx, fy, { epochs: 100, batch_size: 1024 })', (text) => text.includes('Epoch 2/100'));
    expect(content.ename, String(content.evalue)).to.equal('InterruptError');
    const progress = iopub.filter((m) => m.header.msg_type === 'update_display_data').map((m) => (m.content.data as Record<string, string>)['text/plain']);
    expect(progress.some((text) => /^Stopped (in|after) epoch \d+\/100/.test(text)), progress.join('\n')).to.equal(true);
    await expectHealthy(before);
  });

  it('stops a fit whose callback spins, and lets go of its tensors and scopes', async () => {
    const spinning = 'await m.fit(fx, fy, { epochs: 5, batch_size: 8, callbacks: { onBatchEnd: (b) => { if (b === 3) { tf.tidy(() => { tf.ones([3]); while (true) {} }); } } } })';
    const { content, before } = await interruptFit(SMALL_FIT, spinning, (text) => text.includes('Epoch 1/5'));
    expect(content.ename, String(content.evalue)).to.equal('InterruptError');
    await expectHealthy(before);
  });

  it('stops a fit whose async callback waits for a promise that never settles', async () => {
    const waiting = 'await m.fit(fx, fy, { epochs: 5, callbacks: { onEpochEnd: async () => { console.log("waiting"); await new Promise(() => {}); } } })';
    const { content, before } = await interruptFit(SMALL_FIT, waiting, (text) => text.includes('waiting'));
    expect(content.ename, String(content.evalue)).to.equal('InterruptError');
    await expectHealthy(before);
  });
});
