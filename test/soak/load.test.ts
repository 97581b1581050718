// Load over time: thousands of cells keep memory flat, repeated training leaks no tensors, and floods of output are
// delivered whole and in order while heartbeat keeps answering. Figures are printed for the release notes.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rssMb } from '../reliability/helpers';
import { resultText, streamText, TestKernelClient, useKernel } from '../helpers/kernel';

/** Pings heartbeat back to back until `work` settles; returns the slowest round trip in ms. */
async function slowestHeartbeatDuring<T>(kernel: TestKernelClient, work: Promise<T>): Promise<{ result: T; slowestMs: number; pings: number }> {
  let done = false;
  let slowestMs = 0;
  let pings = 0;
  const settled = work.finally(() => (done = true));
  while (!done) {
    slowestMs = Math.max(slowestMs, await kernel.heartbeat(5000));
    pings += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { result: await settled, slowestMs, pings };
}

describe('soak: memory, tensors and output floods', function () {
  this.timeout(600000);
  const kernel = useKernel(() => ({ env: { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-soak-')) } }));

  it('runs 2,000 cells in a row with flat memory', async () => {
    const pid = kernel().process.pid as number;
    const cell = (i: number): string =>
      i % 3 === 0
        ? `const value = [1, 2, 3].map((x) => x * ${i}); value`
        : i % 3 === 1
          ? `console.log('cell ${i}', { n: ${i} })`
          : `const t = tf.tensor1d([${i}, 2]); const s = t.sum().dataSync()[0]; t.dispose(); s`;
    for (let i = 0; i < 500; i++) await kernel().execute(cell(i)); // warm-up: JIT, caches, TensorFlow.js
    const before = rssMb(pid);
    const started = Date.now();
    for (let i = 500; i < 2500; i++) {
      const outcome = await kernel().execute(cell(i));
      if (outcome.reply.content.status !== 'ok') throw new Error(`cell ${i} failed: ${JSON.stringify(outcome.reply.content)}`);
    }
    const after = rssMb(pid);
    console.log(`      2,000 cells in ${Date.now() - started} ms; kernel RSS ${before.toFixed(1)} → ${after.toFixed(1)} MB (${(after - before).toFixed(1)} MB)`);
    expect(after - before).to.be.below(40);
  });

  it('leaves tf.memory().numTensors where it was after 20 fit + evaluate cells', async () => {
    await kernel().execute(`
      const model = models.Sequential([layers.Dense(16, { activation: 'relu', input_shape: [8] }), layers.Dense(1)]);
      model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
      const x = tf.randomNormal([256, 8]);
      const y = x.sum(1, true);
    `);
    const round = 'await model.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0 }); await model.evaluate(x, y, { verbose: 0 }); tf.memory().numTensors';
    const baseline = resultText(await kernel().execute(round)); // the first round creates the optimizer's slots
    const counts: string[] = [];
    for (let i = 0; i < 20; i++) counts.push(String(resultText(await kernel().execute(round))));
    console.log(`      numTensors after the first round ${baseline}, after each of 20 more: ${[...new Set(counts)].join(', ')}`);
    expect(counts).to.deep.equal(Array(20).fill(baseline));
  });

  it('delivers 200,000 printed lines whole and in order while heartbeat answers', async () => {
    const started = Date.now();
    const { result: outcome, slowestMs, pings } = await slowestHeartbeatDuring(
      kernel(),
      kernel().execute('for (let i = 0; i < 200000; i++) console.log(i)', {}, 300000),
    );
    const elapsed = Date.now() - started;
    const text = streamText(outcome);
    const lines = text.split('\n');
    expect(lines.pop()).to.equal('');
    expect(lines.length).to.equal(200000);
    expect(lines.every((line, i) => line === String(i))).to.equal(true);
    const messages = outcome.outputs.filter((m) => m.header.msg_type === 'stream').length;
    console.log(`      200,000 lines in ${elapsed} ms as ${messages} stream messages; slowest of ${pings} heartbeats ${slowestMs} ms`);
    expect(slowestMs).to.be.below(1000);
  });

  it('delivers a 20 MB output without stalling heartbeat', async () => {
    const started = Date.now();
    const { result: outcome, slowestMs, pings } = await slowestHeartbeatDuring(
      kernel(),
      kernel().execute(
        'const chunk = "y".repeat(1024 * 1024 - 1) + "\\n"; for (let i = 0; i < 10; i++) process.stdout.write(chunk); console.log("z".repeat(10 * 1024 * 1024));',
        {},
        300000,
      ),
    );
    const text = streamText(outcome);
    console.log(`      20 MB output in ${Date.now() - started} ms; slowest of ${pings} heartbeats ${slowestMs} ms`);
    expect(text.length).to.equal(20 * 1024 * 1024 + 1);
    expect(slowestMs).to.be.below(1000);
    expect(resultText(await kernel().execute('"still here"'))).to.equal("'still here'");
  });
});
