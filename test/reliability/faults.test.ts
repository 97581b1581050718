// Faults in user code: an interrupted fit() stops within a batch and keeps what it learned; running out of memory
// and process.exit() from a timer end in a fresh context with a clear message, never a dead or hung kernel.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { eventually, sleep } from './helpers';
import { resultText, streamText, useKernel } from '../helpers/kernel';

const env = { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-faults-')) };

function json<T>(text: string | undefined): T {
  // text/plain of a string result is quoted JS: 'abc'.
  if (text === undefined) throw new Error('no result');
  return JSON.parse(text.slice(1, -1)) as T;
}

describe('reliability: interrupting fit()', function () {
  this.timeout(120000);
  const kernel = useKernel({ env });

  before(async () => {
    const setup = await kernel().execute(`
      const model = models.Sequential([layers.Dense(64, { activation: 'relu', input_shape: [32] }), layers.Dense(1)]);
      model.compile({ optimizer: 'sgd', loss: 'mse' });
      const x = tf.randomNormal([40000, 32]);
      const y = x.sum(1, true);
      const snapshot = () => model.getWeights().map((w) => Array.from(w.dataSync()));
      const initial = snapshot();
      const batchEnds: number[] = [];
      let lastBatchWeights: number[][] = [];
      const recorder = callbacks.LambdaCallback({ onBatchEnd: () => { batchEnds.push(Date.now()); lastBatchWeights = snapshot(); } });
      const same = (a: number[][], b: number[][]) => a.length === b.length && a.every((w, i) => w.every((v, j) => v === b[i][j]));
    `);
    expect(setup.reply.content.status).to.equal('ok');
  });

  it('stops within one batch, keeps the weights learned so far, and the model trains again', async () => {
    const running = kernel().execute('await model.fit(x, y, { batchSize: 4, epochs: 1, verbose: 0, callbacks: [recorder] })', {}, 60000);
    expect(await eventually(() => kernel().allIopub().length > 0, 1000)).to.equal(true);
    await sleep(1500);
    const sent = Date.now();
    await kernel().request('control', 'interrupt_request', {}, 5000);
    const acknowledged = Date.now();
    const outcome = await running;
    const latency = Date.now() - sent;
    console.log(`      interrupting fit: cell answered ${latency} ms after interrupt_request`);
    expect(outcome.reply.content.ename).to.equal('InterruptError');
    expect(latency).to.be.below(1000);
    await sleep(500); // had fit() kept going in the background, more batches would end now
    const state = json<{ batches: number; late: number; kept: boolean; learned: boolean }>(resultText(await kernel().execute(
      `JSON.stringify({ batches: batchEnds.length, late: batchEnds.filter((t) => t > ${acknowledged}).length, kept: same(snapshot(), lastBatchWeights), learned: !same(snapshot(), initial) })`,
    )));
    expect(state.batches).to.be.above(10).and.below(10000);
    expect(state.late, 'batches that ended after the interrupt was acknowledged').to.be.at.most(1);
    expect(state.kept, 'weights are those of the last finished batch').to.equal(true);
    expect(state.learned, 'weights moved from their initial values').to.equal(true);

    const again = await kernel().execute(`
      const before = snapshot();
      const h = await model.fit(x.slice(0, 512), y.slice(0, 512), { batchSize: 64, epochs: 2, verbose: 0 });
      JSON.stringify({ epochs: h.history.loss.length, finite: h.history.loss.every(Number.isFinite), moved: !same(snapshot(), before) })
    `);
    expect(again.reply.content.status).to.equal('ok');
    expect(json(resultText(again))).to.deep.equal({ epochs: 2, finite: true, moved: true });
  });
});

describe('reliability: out of memory and process.exit()', function () {
  this.timeout(120000);
  // A small heap for the executor, so running out of it is quick and cheap here.
  const kernel = useKernel({ env: { ...env, TSDL_EXECUTOR_HEAP_MB: '192' } });

  it('ends a cell that exhausts the heap with a clear error and a fresh context', async () => {
    await kernel().execute('const keptBefore = 1');
    const started = Date.now();
    const outcome = await kernel().execute('const hog: number[][] = []; for (;;) hog.push(new Array(100000).fill(1.5));', {}, 60000);
    console.log(`      out of memory: answered in ${Date.now() - started} ms`);
    expect(outcome.reply.content.status).to.equal('error');
    expect(outcome.reply.content.ename).to.equal('KernelRestarted');
    expect(String(outcome.reply.content.evalue)).to.match(/out of memory/);
    expect(streamText(outcome, 'stderr')).to.match(/out of memory.*Every variable is gone/);
    expect(kernel().process.exitCode).to.equal(null);
    expect(resultText(await kernel().execute('typeof keptBefore'))).to.equal("'undefined'");
    expect(resultText(await kernel().execute('1 + 1'))).to.equal('2');
  });

  it('says so when process.exit() runs in a timer between cells, and carries on', async () => {
    const armed = await kernel().execute('const doomed = 1; setTimeout(() => process.exit(7), 100); "armed"');
    expect(resultText(armed)).to.equal("'armed'");
    const parent = armed.reply.parent_header as { msg_id: string };
    const told = await eventually(
      () => kernel().iopubFor(parent.msg_id).some((m) => m.header.msg_type === 'stream' && /process\.exit\(7\)/.test(String(m.content.text))),
      5000,
    );
    expect(told, 'a notice on the cell that armed the timer').to.equal(true);
    expect(resultText(await kernel().execute('typeof doomed'))).to.equal("'undefined'");
    expect(resultText(await kernel().execute('2 + 2'))).to.equal('4');
  });
});
